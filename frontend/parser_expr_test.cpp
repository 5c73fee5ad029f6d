#include <gtest/gtest.h>

#include "frontend/parser_test_util.h"

namespace sluice {
namespace {

using testing::exprMessage;
using testing::sqlOf;
using testing::src;

ast::ExprPtr expr(const std::string& text) {
  return parseExpression(src(text));
}

TEST(ParserExpr, ArithmeticPrecedence) {
  EXPECT_EQ(sqlOf("1 + 2 * 3"), "(1 + (2 * 3))");
  EXPECT_EQ(sqlOf("1 - 2 - 3"), "((1 - 2) - 3)");
  EXPECT_EQ(sqlOf("a / b % c DIV d"), "(((a / b) % c) DIV d)");
  EXPECT_EQ(sqlOf("(1 + 2) * 3"), "((1 + 2) * 3)");
  EXPECT_EQ(sqlOf("a || b + c"), "((a || b) + c)");
  EXPECT_EQ(sqlOf("a + b || c"), "((a + b) || c)");
}

TEST(ParserExpr, BitwisePrecedence) {
  // Spark: | < ^ < & < additive.
  EXPECT_EQ(sqlOf("a | b ^ c & d + 1"), "(a | (b ^ (c & (d + 1))))");
  EXPECT_EQ(sqlOf("a & b | c"), "((a & b) | c)");
  EXPECT_EQ(sqlOf("a | b = c"), "((a | b) = c)");
  EXPECT_EQ(sqlOf("~a & b"), "((~a) & b)");
}

TEST(ParserExpr, BooleanPrecedence) {
  EXPECT_EQ(sqlOf("a OR b AND c"), "(a OR (b AND c))");
  EXPECT_EQ(sqlOf("NOT a AND b"), "((NOT a) AND b)");
  EXPECT_EQ(sqlOf("NOT a = b"), "(NOT (a = b))");
  EXPECT_EQ(sqlOf("! a"), "(NOT a)");
  EXPECT_EQ(sqlOf("NOT NOT a"), "(NOT (NOT a))");
  EXPECT_EQ(sqlOf("a = 1 OR b <> 2 AND c"), "((a = 1) OR ((b <> 2) AND c))");
}

TEST(ParserExpr, ComparisonOperators) {
  EXPECT_EQ(sqlOf("a = b"), "(a = b)");
  EXPECT_EQ(sqlOf("a == b"), "(a = b)");
  EXPECT_EQ(sqlOf("a <=> b"), "(a <=> b)");
  EXPECT_EQ(sqlOf("a != b"), "(a <> b)");
  EXPECT_EQ(sqlOf("a <> b"), "(a <> b)");
  EXPECT_EQ(sqlOf("a < b"), "(a < b)");
  EXPECT_EQ(sqlOf("a <= b"), "(a <= b)");
  EXPECT_EQ(sqlOf("a > b"), "(a > b)");
  EXPECT_EQ(sqlOf("a >= b + 1"), "(a >= (b + 1))");
  EXPECT_EQ(expr("a == b")->binaryOp, ast::BinaryOp::Eq);
  EXPECT_EQ(expr("a != b")->binaryOp, ast::BinaryOp::Neq);
}

TEST(ParserExpr, UnaryAndNegativeLiterals) {
  EXPECT_EQ(sqlOf("-a * b"), "((-a) * b)");
  EXPECT_EQ(sqlOf("- -1"), "(- -1)");
  EXPECT_EQ(sqlOf("+a"), "(+a)");
  const auto lit = expr("-9223372036854775808L");
  EXPECT_EQ(lit->kind, ast::ExprKind::Literal);
  EXPECT_EQ(lit->text, "-9223372036854775808");
  EXPECT_EQ(lit->suffix, "L");
  EXPECT_EQ(lit->span.begin, 0u);
  EXPECT_EQ(sqlOf("2 - 1"), "(2 - 1)");
  EXPECT_EQ(sqlOf("-1.5e3"), "-1.5e3");
}

TEST(ParserExpr, CastForms) {
  // Types print as Spark's DataType.sql does (column names of casts are Spark's).
  EXPECT_EQ(sqlOf("CAST(x AS string)"), "CAST(x AS STRING)");
  EXPECT_EQ(sqlOf("try_cast(x AS decimal(10, 2))"), "TRY_CAST(x AS DECIMAL(10,2))");
  EXPECT_TRUE(expr("TRY_CAST(x AS int)")->tryCast);
  EXPECT_EQ(sqlOf("x::int"), "CAST(x AS INT)");
  // `::` binds tighter than unary minus and than arithmetic.
  EXPECT_EQ(sqlOf("-x::int + 1"), "((-CAST(x AS INT)) + 1)");
  EXPECT_EQ(sqlOf("x::array<int>[0]"), "CAST(x AS ARRAY<INT>)[0]");
  EXPECT_EQ(sqlOf("x::string::int"), "CAST(CAST(x AS STRING) AS INT)");
  EXPECT_EQ(sqlOf("CAST(x AS map<string, struct<a: int>>)"),
            "CAST(x AS MAP<STRING, STRUCT<a: INT>>)");
}

TEST(ParserExpr, Literals) {
  EXPECT_EQ(expr("NULL")->literalKind, ast::LiteralKind::Null);
  EXPECT_EQ(expr("true")->text, "true");
  EXPECT_EQ(expr("FALSE")->literalKind, ast::LiteralKind::Boolean);
  EXPECT_EQ(expr("1L")->suffix, "L");
  EXPECT_EQ(expr("1.5D")->literalKind, ast::LiteralKind::Decimal);
  EXPECT_EQ(expr("1e10")->literalKind, ast::LiteralKind::Decimal);
  EXPECT_EQ(expr("12345678901234567890123456789")->text, "12345678901234567890123456789");
  EXPECT_EQ(expr("X'0A1B'")->literalKind, ast::LiteralKind::Binary);
  EXPECT_EQ(expr("X'0A1B'")->text, "0A1B");
  const auto s = expr("'a' \"b\" 'c'");
  EXPECT_EQ(s->literalKind, ast::LiteralKind::String);
  EXPECT_EQ(s->text, "abc");
  EXPECT_EQ(s->span.end, 11u);
  const auto d = expr("DATE '2020-01-01'");
  EXPECT_EQ(d->literalKind, ast::LiteralKind::Date);
  EXPECT_EQ(d->text, "2020-01-01");
  const auto ts = expr("TIMESTAMP '2020-01-01 00:00:00'");
  EXPECT_EQ(ts->literalKind, ast::LiteralKind::Timestamp);
  EXPECT_EQ(ts->text, "2020-01-01 00:00:00");
  // Adjacent literals concatenate (Spark has no '' escape); \' is a quote.
  EXPECT_EQ(sqlOf("'it''s'"), "'its'");
  EXPECT_EQ(sqlOf("'it\\'s'"), "'it\\'s'");
}

TEST(ParserExpr, IntervalLiterals) {
  auto parts = [](const std::string& text) {
    std::string out;
    const auto e = expr(text);
    for (const auto& p : e->intervalParts) out += "[" + p.value + "|" + p.unit + "]";
    return out;
  };
  EXPECT_EQ(parts("INTERVAL 10 MINUTES"), "[10|minutes]");
  EXPECT_EQ(parts("INTERVAL '1' HOUR"), "[1|hour]");
  EXPECT_EQ(parts("INTERVAL '10 minutes'"), "[10 minutes|]");
  EXPECT_EQ(parts("INTERVAL 1 HOUR 30 MINUTES"), "[1|hour][30|minutes]");
  EXPECT_EQ(parts("interval -2 day"), "[-2|day]");
  EXPECT_EQ(parts("INTERVAL '1-2' YEAR TO MONTH"), "[1-2|year to month]");
  EXPECT_EQ(parts("INTERVAL 1.5 SECONDS"), "[1.5|seconds]");
  EXPECT_EQ(sqlOf("ts + INTERVAL 1 HOUR - x"), "((ts + INTERVAL 1 HOUR) - x)");
  EXPECT_EQ(sqlOf("INTERVAL '10 minutes'"), "INTERVAL '10 minutes'");
  EXPECT_EQ(exprMessage("INTERVAL 10"),
            "unexpected end of input: expected an interval unit (YEAR, MONTH, WEEK, DAY, HOUR, "
            "MINUTE, SECOND, ...)");
  // Without a value, `interval` is an ordinary name.
  EXPECT_EQ(expr("interval")->kind, ast::ExprKind::Column);
}

TEST(ParserExpr, KeywordsAsIdentifiers) {
  for (const char* name :
       {"window",    "key",   "value",   "timestamp", "offset",   "partition", "topic",
        "date",      "count", "year",    "hour",      "interval", "stream",    "values",
        "watermark", "type",  "comment", "options",   "first",    "last",      "div"}) {
    const auto e = expr(name);
    EXPECT_EQ(e->kind, ast::ExprKind::Column) << name;
    EXPECT_EQ(e->name.toString(), name);
  }
  EXPECT_EQ(sqlOf("window.start"), "window.start");
  EXPECT_EQ(sqlOf("date(timestamp)"), "date(timestamp)");
  EXPECT_EQ(sqlOf("year(date) + hour(timestamp)"), "(year(date) + hour(timestamp))");
  EXPECT_EQ(sqlOf("count(key)"), "count(key)");
  EXPECT_EQ(sqlOf("left('abc', 2) || right(s, 1)"), "(left('abc', 2) || right(s, 1))");
  EXPECT_EQ(sqlOf("`select`.`from`"), "`select`.`from`");
  EXPECT_EQ(sqlOf("t.from"), "t.`from`");  // any word after a dot
}

TEST(ParserExpr, ColumnsFieldsAndSubscripts) {
  const auto c = expr("a.b.c");
  EXPECT_EQ(c->kind, ast::ExprKind::Column);
  ASSERT_EQ(c->name.parts.size(), 3u);
  EXPECT_EQ(c->name.parts[2].name, "c");
  EXPECT_EQ(c->name.parts[2].span.begin, 4u);
  const auto f = expr("f(x).a");
  EXPECT_EQ(f->kind, ast::ExprKind::Field);
  EXPECT_EQ(f->text, "a");
  EXPECT_EQ(f->args[0]->kind, ast::ExprKind::Call);
  EXPECT_EQ(expr("(s).a")->kind, ast::ExprKind::Field);
  EXPECT_EQ(sqlOf("(s).a"), "(s).a");
  const auto sb = expr("a[0].b");
  EXPECT_EQ(sb->kind, ast::ExprKind::Field);
  EXPECT_EQ(sb->args[0]->kind, ast::ExprKind::Subscript);
  EXPECT_EQ(sqlOf("m['k']"), "m['k']");
  EXPECT_EQ(expr("m['k']")->kind, ast::ExprKind::Subscript);
  EXPECT_EQ(sqlOf("a.b[1][2].c.d"), "a.b[1][2].c.d");
}

TEST(ParserExpr, Stars) {
  // A bare `*` is a select item or call argument, not an operand.
  EXPECT_EQ(exprMessage("*"), "syntax error at or near '*': expected an expression");
  EXPECT_EQ(exprMessage("a + *"), "syntax error at or near '*': expected an expression");
  EXPECT_EQ(sqlOf("f(*, a)"), "f(*, a)");
  const auto s = expr("t.*");
  EXPECT_EQ(s->kind, ast::ExprKind::Star);
  EXPECT_EQ(s->name.toString(), "t");
  EXPECT_EQ(sqlOf("value.*"), "value.*");
  EXPECT_EQ(sqlOf("a.b.*"), "a.b.*");
  EXPECT_EQ(exprMessage("f(x).*"), "'.*' is only allowed after a column or table name");
}

TEST(ParserExpr, Calls) {
  const auto c = expr("count(*)");
  EXPECT_EQ(c->kind, ast::ExprKind::Call);
  EXPECT_TRUE(c->starArg);
  EXPECT_TRUE(c->args.empty());
  const auto d = expr("count(DISTINCT a, b)");
  EXPECT_TRUE(d->distinct);
  EXPECT_EQ(d->args.size(), 2u);
  EXPECT_EQ(sqlOf("COUNT(DISTINCT x)"), "COUNT(DISTINCT x)");
  // Only count(*) is special; struct(*) keeps a star argument for the binder.
  const auto s = expr("struct(*)");
  EXPECT_FALSE(s->starArg);
  ASSERT_EQ(s->args.size(), 1u);
  EXPECT_EQ(s->args[0]->kind, ast::ExprKind::Star);
  EXPECT_EQ(sqlOf("now()"), "now()");
  EXPECT_EQ(sqlOf("sum(ALL x)"), "sum(x)");
  const auto q = expr("db.fn(1)");
  EXPECT_EQ(q->name.toString(), "db.fn");
  EXPECT_EQ(sqlOf("to_json(struct(zip_code, window))"), "to_json(struct(zip_code, window))");
  EXPECT_EQ(sqlOf("(a, b)"), "struct(a, b)");
  EXPECT_EQ(sqlOf("EXTRACT(HOUR FROM ts)"), "EXTRACT('HOUR', ts)");
}

TEST(ParserExpr, WindowFunctions) {
  const auto w = expr("sum(x) OVER (PARTITION BY a, b ORDER BY c DESC NULLS FIRST, d)");
  ASSERT_TRUE(w->over);
  EXPECT_EQ(w->over->partitionBy.size(), 2u);
  ASSERT_EQ(w->over->orderBy.size(), 2u);
  EXPECT_FALSE(w->over->orderBy[0].ascending);
  EXPECT_TRUE(*w->over->orderBy[0].nullsFirst);
  EXPECT_FALSE(w->over->frame);
  EXPECT_EQ(sqlOf("count(*) OVER (PARTITION BY a)"), "count(*) OVER (PARTITION BY a)");
  EXPECT_EQ(sqlOf("row_number() OVER ()"), "row_number() OVER ()");
  EXPECT_EQ(sqlOf("rank() OVER w"), "rank() OVER w");
  EXPECT_EQ(sqlOf("rank() OVER (w)"), "rank() OVER w");
  // Frames: BETWEEN forms, the short form (start only), numeric and interval offsets.
  EXPECT_EQ(sqlOf("sum(x) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"),
            "sum(x) OVER (ORDER BY t ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
  EXPECT_EQ(sqlOf("sum(x) OVER (ORDER BY t ROWS 2 PRECEDING)"),
            "sum(x) OVER (ORDER BY t ASC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)");
  EXPECT_EQ(sqlOf("avg(x) OVER (ORDER BY t RANGE BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)"),
            "avg(x) OVER (ORDER BY t ASC RANGE BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)");
  const auto iv = expr("max(x) OVER (ORDER BY ts RANGE BETWEEN INTERVAL 1 HOUR PRECEDING AND "
                       "CURRENT ROW)");
  ASSERT_TRUE(iv->over->frame);
  EXPECT_FALSE(iv->over->frame->rows);
  EXPECT_EQ(iv->over->frame->lower.kind, ast::FrameBoundKind::Preceding);
  EXPECT_EQ(iv->over->frame->lower.offset->literalKind, ast::LiteralKind::Interval);
  EXPECT_EQ(iv->over->frame->upper.kind, ast::FrameBoundKind::CurrentRow);
  // IGNORE / RESPECT NULLS between the arguments and OVER.
  const auto ig = expr("lag(x, 2) IGNORE NULLS OVER (ORDER BY t)");
  EXPECT_TRUE(ig->ignoreNulls && *ig->ignoreNulls);
  EXPECT_EQ(sqlOf("first_value(x) RESPECT NULLS OVER (ORDER BY t)"),
            "first_value(x) RESPECT NULLS OVER (ORDER BY t ASC)");
  // A window is an operand like any call.
  EXPECT_EQ(sqlOf("x - lag(x) OVER (ORDER BY t)"), "(x - lag(x) OVER (ORDER BY t ASC))");
  EXPECT_NE(exprMessage("sum(x) OVER (ORDER BY t ROWS BETWEEN 1 AND 2)").find(
                "expected PRECEDING or FOLLOWING"),
            std::string::npos);
  EXPECT_NE(exprMessage("sum(x) OVER (ORDER BY t LIMIT 1)").find("expected PARTITION BY"),
            std::string::npos);
}

TEST(ParserExpr, NamedArguments) {
  const auto c = expr("f(a => 1, `b` => 'x', c)");
  ASSERT_EQ(c->args.size(), 3u);
  EXPECT_EQ(c->args[0]->kind, ast::ExprKind::NamedArg);
  EXPECT_EQ(c->args[0]->text, "a");
  EXPECT_EQ(c->args[1]->text, "b");
  EXPECT_EQ(c->args[2]->kind, ast::ExprKind::Column);
  EXPECT_EQ(sqlOf("read_kafka(subscribe => 'x')"), "read_kafka(subscribe => 'x')");
}

TEST(ParserExpr, Case) {
  EXPECT_EQ(sqlOf("CASE WHEN a > 1 THEN 'x' WHEN b THEN 'y' ELSE 'z' END"),
            "CASE WHEN (a > 1) THEN 'x' WHEN b THEN 'y' ELSE 'z' END");
  const auto simple = expr("CASE k WHEN 1 THEN 'one' END");
  ASSERT_EQ(simple->args.size(), 1u);
  EXPECT_EQ(simple->whens.size(), 1u);
  EXPECT_EQ(simple->elseExpr, nullptr);
  EXPECT_EQ(exprMessage("CASE END"), "syntax error at or near 'END': expected WHEN");
  EXPECT_EQ(exprMessage("CASE WHEN a THEN b"),
            "unexpected end of input: expected WHEN, ELSE or END");
}

TEST(ParserExpr, Predicates) {
  EXPECT_EQ(sqlOf("a IN (1, 2, 3)"), "(a IN (1, 2, 3))");
  EXPECT_EQ(sqlOf("a NOT IN (1)"), "(a NOT IN (1))");
  EXPECT_EQ(sqlOf("a BETWEEN 1 AND 2 AND b"), "((a BETWEEN 1 AND 2) AND b)");
  EXPECT_EQ(sqlOf("a NOT BETWEEN b + 1 AND c"), "(a NOT BETWEEN (b + 1) AND c)");
  EXPECT_EQ(sqlOf("s LIKE 'a%'"), "(s LIKE 'a%')");
  EXPECT_EQ(sqlOf("s NOT LIKE 'a!%' ESCAPE '!'"), "(s NOT LIKE 'a!%' ESCAPE '!')");
  EXPECT_EQ(sqlOf("s ILIKE 'A%'"), "(s ILIKE 'A%')");
  EXPECT_EQ(sqlOf("s RLIKE '^a'"), "(s RLIKE '^a')");
  EXPECT_EQ(sqlOf("s REGEXP '^a'"), "(s RLIKE '^a')");
  EXPECT_EQ(sqlOf("s NOT RLIKE 'x' OR t"), "((s NOT RLIKE 'x') OR t)");
  EXPECT_EQ(sqlOf("a IS NULL"), "(a IS NULL)");
  EXPECT_EQ(sqlOf("a + 1 IS NOT NULL"), "((a + 1) IS NOT NULL)");
  EXPECT_EQ(sqlOf("a IS TRUE"), "(a IS TRUE)");
  EXPECT_EQ(sqlOf("a IS NOT FALSE"), "(a IS NOT FALSE)");
  EXPECT_EQ(sqlOf("a IS DISTINCT FROM b"), "(NOT (a <=> b))");
  EXPECT_EQ(sqlOf("a IS NOT DISTINCT FROM b"), "(a <=> b)");
  EXPECT_EQ(sqlOf("a = 1 IS NULL"), "((a = 1) IS NULL)");
  EXPECT_EQ(sqlOf("NOT a IS NULL"), "(NOT (a IS NULL))");
  EXPECT_EQ(expr("a IS NOT TRUE")->kind, ast::ExprKind::IsBool);
  EXPECT_TRUE(expr("a IS NOT TRUE")->negated);
}

TEST(ParserExpr, Subqueries) {
  EXPECT_EQ(sqlOf("a IN (SELECT 1)"), "(a IN (listquery()))");
  EXPECT_EQ(sqlOf("a NOT IN (SELECT 1)"), "(a NOT IN (listquery()))");
  // A row constructor on the left compares column by column.
  EXPECT_EQ(expr("(a, b) IN (SELECT 1, 2)")->args.size(), 2u);
  EXPECT_EQ(expr("struct(a, b) IN (SELECT 1, 2)")->args.size(), 1u);
  EXPECT_EQ(sqlOf("(SELECT 1) + 1"), "(scalarsubquery() + 1)");
  EXPECT_EQ(sqlOf("((SELECT 1) + 1)"), "(scalarsubquery() + 1)");
  EXPECT_EQ(expr("(SELECT 1)")->kind, ast::ExprKind::ScalarSubquery);
  EXPECT_EQ(sqlOf("NOT EXISTS (SELECT 1)"), "(NOT exists())");
  // exists(array, lambda) stays the higher-order function.
  EXPECT_EQ(expr("exists(a, x -> x > 1)")->kind, ast::ExprKind::Call);
}

TEST(ParserExpr, IsSyntaxErrors) {
  EXPECT_EQ(exprMessage("a IS 1"),
            "syntax error at or near '1': expected NULL, TRUE, FALSE or DISTINCT FROM");
}

TEST(ParserExpr, Spans) {
  const std::string text = "f(a, b + 1) * 2";
  const auto e = expr(text);
  EXPECT_EQ(e->span.begin, 0u);
  EXPECT_EQ(e->span.end, text.size());
  const auto& call = e->args[0];
  EXPECT_EQ(call->span.begin, 0u);
  EXPECT_EQ(call->span.end, 11u);
  EXPECT_EQ(call->args[1]->span.begin, 5u);
  EXPECT_EQ(call->args[1]->span.end, 10u);
  const auto c = expr("CAST(x AS int)");
  EXPECT_EQ(c->span.end, 14u);
  EXPECT_EQ(c->castType.span.begin, 10u);
}

TEST(ParserExpr, RoundTripsThroughToSql) {
  for (const char* text :
       {"((a + 1) * -2)", "CASE WHEN (a IS NULL) THEN X'00' ELSE DATE '2020-01-01' END",
        "f(DISTINCT a.b[0].c, g(x => 1))", "(`weird name` || 'it\\'s\\n')",
        "INTERVAL 1 HOUR 30 MINUTES", "CAST(x AS map<string,struct<a:int,`b c`:array<bigint>>>)",
        "(NOT (a NOT BETWEEN 1 AND 2))", "(- -1)", "(x NOT IN (1, 2))", "TIMESTAMP '2020'"}) {
    const std::string once = sqlOf(text);
    EXPECT_EQ(sqlOf(once), once) << text;
  }
}

TEST(ParserExpr, Errors) {
  EXPECT_EQ(exprMessage("1 +"), "unexpected end of input: expected an expression");
  EXPECT_EQ(exprMessage("a b"), "syntax error at or near 'b': expected end of input");
  EXPECT_EQ(exprMessage("f(a b)"), "syntax error at or near 'b': expected ',' or ')'");
  EXPECT_EQ(exprMessage("CAST(a)"), "syntax error at or near ')': expected AS");
  EXPECT_EQ(exprMessage("CAST(a AS)"), "syntax error at or near ')': expected a data type");
  EXPECT_EQ(exprMessage("a[1"), "unexpected end of input: expected ']'");
  EXPECT_EQ(exprMessage("a."), "unexpected end of input: expected a field name");
  EXPECT_EQ(exprMessage("SELECT"), "syntax error at or near 'SELECT': expected an expression");
  EXPECT_EQ(exprMessage("a => 1"), "syntax error at or near '=>': expected end of input");
  EXPECT_EQ(exprMessage(""), "unexpected end of input: expected an expression");
  EXPECT_EQ(
      testing::renderedError([](const SourceFilePtr& f) { parseExpression(f); }, "a +\n  * b"),
      "test.sql:2:3: error: syntax error at or near '*': expected an expression\n"
      "    * b\n"
      "    ^");
}

TEST(ParserExpr, LongErrorTokensAreShortened) {
  const std::string longWord(100, 'x');
  EXPECT_EQ(exprMessage("a " + longWord),
            "syntax error at or near '" + std::string(40, 'x') + "...': expected end of input");
}

}  // namespace
}  // namespace sluice
