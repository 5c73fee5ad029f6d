// Every scalar function of the builtin registry runs in generated code. The test walks
// FunctionRegistry::builtins(), builds calls on *column* arguments (VALUES rows, so nothing
// is constant-folded) of every candidate type the row's signature accepts, and compiles and
// runs each through the JIT. A CodegenError "... is not supported by the code generator" is a
// failure, unless the function is on the allow-list below (functions Spark itself only
// evaluates on foldable arguments). The missing functions are printed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "codegen/codegen_test_util.h"
#include "frontend/error.h"
#include "planner/functions/registry.h"
#include "planner/logical/logical_plan.h"
#include "stdlib/kernel_error.h"

namespace sluice {
namespace {

// Columns b boolean, i int, l bigint, d double, s / ts / j strings (text, a timestamp text,
// JSON text); the last row is all NULL.
const char* const kFrom =
    " FROM VALUES (true, 3, CAST(10 AS BIGINT), 2.5D, 'abc', '2020-01-02 03:04:05', "
    "'{\"a\":1}'), (false, -1, CAST(-7 AS BIGINT), -0.5D, 'x,y', '2021-12-31', '[1,2]'), "
    "(NULL, NULL, NULL, NULL, NULL, NULL, NULL) AS t(b, i, l, d, s, ts, j)";

// Folding-only by Spark's own rules: a column argument is an analysis error there (and here),
// so generated code never sees a call. The test checks that these really are refused.
const std::map<std::string, std::string> kFoldingOnly = {
    // SchemaOfJson requires a foldable JSON string (its result is a type, fixed at analysis).
    {"schema_of_json", "schema_of_json(j)"},
};

// Rows that never reach the code generator with column arguments for a reason other than
// folding (nondeterministic rows with their own handling go here). Each entry says why.
// rand / randn are compiled (builtin_calls_codegen.cpp), so none is listed today.
const std::map<std::string, std::string> kHandledElsewhere = {
    // A GROUP BY expression only (the binder refuses it in a SELECT list): its generated
    // code runs in tests/sql/exec/session_windows.test.
    {"session_window", "tests/sql/exec/session_windows.test"},
};

// Known gaps: argument types for which a function is still refused, matched on the refusal's
// text. They live in the rows' emitters (comparisons, hash chaining, concat_ws; see
// call_emitters.h), so they are listed here, printed, and not failed on.
// Remove an entry when its gap closes (the test then fails if the text still appears
// nowhere, so the list cannot go stale silently).
const std::vector<std::pair<std::string, std::string>> kKnownGaps = {
    // =, <=>, <, <=, >, >=, greatest, least, nullif on arrays / structs (emitCompare).
    {"comparison on array<", "ordering of arrays in emitCompare"},
    {"comparison on struct<", "ordering of structs in emitCompare"},
    // Spark refuses these at analysis (maps are not comparable); the binder lets nullif through.
    {"comparison on map<", "the binder accepts nullif over maps; Spark refuses them"},
    // hash / xxhash64 chain over array elements and struct fields (hashCall).
    {"hash of array<", "hash() over array elements"},
    {"hash of struct<", "hash() over struct fields"},
    {"xxhash64 of array<", "xxhash64() over array elements"},
    {"xxhash64 of struct<", "xxhash64() over struct fields"},
    // concat_ws(sep, array<string>...) flattens arrays (concatWs takes strings only).
    {"concat_ws over array<", "concat_ws over string arrays"},
    // string(x) is CAST(x AS STRING); the code generator does not cast nested values to text.
    {" to string is not supported", "CAST of arrays / maps / structs to string"},
};

// Value expressions of one candidate SQL type over the columns above (may be NULL).
const std::map<std::string, std::string> kValue = {
    {"boolean", "b"},
    {"tinyint", "CAST(i AS TINYINT)"},
    {"smallint", "CAST(i AS SMALLINT)"},
    {"int", "i"},
    {"bigint", "l"},
    {"float", "CAST(d AS FLOAT)"},
    {"double", "d"},
    {"decimal", "CAST(d AS DECIMAL(10,2))"},
    {"widedecimal", "CAST(d AS DECIMAL(30,2))"},
    {"string", "s"},
    {"binary", "CAST(s AS BINARY)"},
    {"date", "CAST(ts AS DATE)"},
    {"timestamp", "CAST(ts AS TIMESTAMP)"},
    {"timestamp_ntz", "CAST(ts AS TIMESTAMP_NTZ)"},
    // Spark's AnyTimestampType (hour, minute, second): the NTZ form; LTZ is `timestamp`.
    {"anytimestamp", "CAST(ts AS TIMESTAMP_NTZ)"},
    {"array", "array(i, 2, NULL)"},
    {"strarray", "split(s, ',')"},
    {"map", "map(coalesce(s, ''), i)"},
    {"struct", "struct(i, s)"},
};
// Never-NULL expressions of each type, for map keys.
const std::map<std::string, std::string> kKey = {
    {"boolean", "coalesce(b, false)"},
    {"tinyint", "CAST(coalesce(i, 0) AS TINYINT)"},
    {"smallint", "CAST(coalesce(i, 0) AS SMALLINT)"},
    {"int", "coalesce(i, 0)"},
    {"bigint", "coalesce(l, 0)"},
    {"float", "CAST(coalesce(d, 0D) AS FLOAT)"},
    {"double", "coalesce(d, 0D)"},
    {"decimal", "CAST(coalesce(d, 0D) AS DECIMAL(10,2))"},
    {"widedecimal", "CAST(coalesce(d, 0D) AS DECIMAL(30,2))"},
    {"string", "coalesce(s, '')"},
    {"binary", "CAST(coalesce(s, '') AS BINARY)"},
    {"date", "coalesce(CAST(ts AS DATE), DATE '2020-01-01')"},
    {"timestamp", "coalesce(CAST(ts AS TIMESTAMP), TIMESTAMP '2020-01-01 00:00:00')"},
    {"timestamp_ntz", "coalesce(CAST(ts AS TIMESTAMP_NTZ), TIMESTAMP_NTZ '2020-01-01 00:00:00')"},
};
const std::vector<std::string> kNumeric = {"tinyint", "smallint", "int",     "bigint",
                                           "float",   "double",   "decimal", "widedecimal"};

// Calls spelled out where Spark requires some arguments to be foldable (a literal stands
// there, every other argument is a column) or where the signature text does not tell the
// argument kinds apart (`any, any`).
const std::map<std::string, std::vector<std::string>> kCalls = {
    {"named_struct", {"named_struct('f1', i)", "named_struct('f1', i, 'f2', s)"}},
    {"window",
     {"window(CAST(ts AS TIMESTAMP), '10 minutes')",
      "window(CAST(ts AS TIMESTAMP), '10 minutes', '10 minutes', '1 minute')"}},
    {"window_time", {"window_time(window(CAST(ts AS TIMESTAMP), '10 minutes'))"}},
    {"from_json",
     {"from_json(j, 'a INT')", "from_json(j, 'a INT, b ARRAY<INT>')",
      "from_json(j, 'a INT', map('mode', 'PERMISSIVE'))"}},
    {"to_json",
     {"to_json(struct(i, s))", "to_json(map(coalesce(s, ''), i))", "to_json(array(i, 2))",
      "to_json(struct(i, CAST(ts AS TIMESTAMP)), map('timestampFormat', 'yyyy'))"}},
    {"sort_array",
     {"sort_array(array(i, 2, NULL))", "sort_array(array(i, 2, NULL), false)",
      "sort_array(split(s, ','), true)", "sort_array(array(d, 1D))",
      "sort_array(array(CAST(ts AS DATE)), false)", "sort_array(array(struct(i, s)))"}},
    {"round", {"round(d)", "round(d, 1)", "round(i, -1)", "round(CAST(d AS DECIMAL(10,2)), 1)"}},
    {"bround", {"bround(d)", "bround(d, 1)", "bround(l, -1)", "bround(CAST(d AS DECIMAL(10,2)))"}},
    {"like", {"s LIKE j", "s LIKE j ESCAPE '/'"}},
    {"ilike", {"s ILIKE j", "s ILIKE j ESCAPE '/'"}},
    {"casewhen", {"CASE WHEN b THEN i ELSE l END", "CASE WHEN b THEN s END"}},
    {"element_at",
     {"element_at(array(i, 2), i)", "element_at(map(coalesce(s, ''), i), s)",
      "element_at(split(s, ','), 1)"}},
    {"try_element_at",
     {"try_element_at(array(i, 2), i)", "try_element_at(map(coalesce(s, ''), i), s)",
      "try_element_at(split(s, ','), 1)"}},
    {"get_item",
     {"get_item(array(i, 2), i)", "get_item(map(coalesce(s, ''), i), s)",
      "get_item(split(s, ','), 0)"}},
    {"rand", {"rand()", "rand(42)"}},
    // The field is a constant (Spark requires it); the source a column.
    {"date_part",
     {"date_part('year', CAST(ts AS TIMESTAMP))", "date_part('SECOND', CAST(ts AS TIMESTAMP))",
      "date_part('dow_iso', CAST(ts AS DATE))", "date_part('week', ts)",
      "date_part('month', make_ym_interval(i, 1))",
      "date_part('second', make_dt_interval(i, 2, 3, d))"}},
    {"randn", {"randn()", "randn(42)"}},
    // Text (a zone in it ignored), text with a pattern, dates and both timestamp types.
    {"to_timestamp_ntz",
     {"to_timestamp_ntz(ts)", "to_timestamp_ntz(ts, 'yyyy-MM-dd HH:mm:ss')",
      "to_timestamp_ntz(CAST(ts AS DATE))", "to_timestamp_ntz(CAST(ts AS TIMESTAMP))",
      "to_timestamp_ntz(CAST(ts AS TIMESTAMP_NTZ), 'yyyy')"}},
    {"try_to_timestamp",
     {"try_to_timestamp(ts)", "try_to_timestamp(s, 'yyyy-MM-dd')",
      "try_to_timestamp(CAST(ts AS TIMESTAMP_NTZ))"}},
    {"to_timestamp_ltz",
     {"to_timestamp_ltz(ts)", "to_timestamp_ltz(ts, 'yyyy-MM-dd HH:mm:ss')",
      "to_timestamp_ltz(CAST(ts AS DATE))", "to_timestamp_ltz(CAST(ts AS TIMESTAMP_NTZ))"}},

    // The format is a constant (Spark requires a literal).
    {"to_binary",
     {"to_binary(s, 'utf-8')", "to_binary(CAST(l AS STRING))",
      "to_binary(CAST(l AS STRING), 'HEX')", "to_binary(coalesce(j, 'QUI='), 'base64')"}},
    {"to_number", {"to_number(CAST(l AS STRING), 'S999')", "to_number(s, '999.99')"}},
    {"try_to_number",
     {"try_to_number(CAST(d AS STRING), 'S9.9')", "try_to_number(s, '$9,999')",
      "try_to_number(concat(CAST(i AS STRING), '-'), '999MI')"}},
    {"to_char",
     {"to_char(i, '999')", "to_char(d, '9.99S')", "to_char(CAST(d AS DECIMAL(30,2)), '$9,999.99')",
      "to_varchar(l, '000MI')", "to_char(CAST(d AS FLOAT), '9D9PR')"}},
    // Integers, and dates / timestamps with interval steps (a calendar interval is a constant).
    {"sequence",
     {"sequence(i, l)", "sequence(CAST(i AS TINYINT), 5, 2)",
      "sequence(CAST(ts AS DATE), DATE '2022-01-01')",
      "sequence(CAST(ts AS DATE), DATE '2022-06-01', INTERVAL '2' MONTH)",
      "sequence(CAST(ts AS TIMESTAMP), TIMESTAMP '2022-01-01 00:00:00', INTERVAL 1 WEEK)",
      "sequence(CAST(ts AS TIMESTAMP), CAST(ts AS TIMESTAMP) + INTERVAL 1 HOUR, INTERVAL 10 "
      "MINUTES)"}},
    {"try_to_binary",
     {"try_to_binary(s)", "try_to_binary(s, 'utf8')", "try_to_binary(j, 'base64')"}},
    // The unit is a keyword (passed as a string by the binder).
    {"timestampadd",
     {"timestampadd(HOUR, l, CAST(ts AS TIMESTAMP))",
      "timestampadd('MONTH', i, CAST(ts AS TIMESTAMP))", "dateadd(DAY, i, CAST(ts AS DATE))",
      "date_add(QUARTER, l, CAST(ts AS TIMESTAMP))"}},
    {"timestampdiff",
     {"timestampdiff(MONTH, CAST(ts AS TIMESTAMP), TIMESTAMP '2030-01-31 10:00:00')",
      "datediff(SECOND, CAST(ts AS TIMESTAMP), CAST(ts AS DATE))",
      "date_diff(WEEK, CAST(ts AS DATE), TIMESTAMP '2019-02-03 00:00:00')"}},
    // Higher-order functions: lambda functions over the element (and index), capturing
    // columns of the row.
    {"transform",
     {"transform(array(i, 2, NULL), x -> x + 1)", "transform(array(i, 2), (x, k) -> x * k + l)",
      "transform(split(s, ','), x -> upper(x))"}},
    {"filter",
     {"filter(array(i, 2, NULL), x -> x > 1)", "filter(split(s, ','), (x, k) -> k = 0 OR b)"}},
    {"exists", {"exists(array(i, 2, NULL), x -> x > i)", "exists(split(s, ','), x -> x = 'y')"}},
    {"forall", {"forall(array(i, 2, NULL), x -> x > 0)", "forall(array(d, 1D), x -> x < 3)"}},
    {"aggregate",
     {"aggregate(array(i, 2, NULL), 0, (acc, x) -> acc + coalesce(x, 0))",
      "aggregate(array(l, 2L), l, (acc, x) -> acc * x, acc -> acc + 1)",
      "aggregate(split(s, ','), '', (acc, x) -> concat(acc, x))"}},
    {"zip_with",
     {"zip_with(array(i, 2), array(l), (x, y) -> x + y)",
      "zip_with(split(s, ','), array(i), (x, y) -> concat(x, CAST(y AS STRING)))"}},
    {"array_sort",
     {"array_sort(array(i, 2, NULL))", "array_sort(split(s, ','))",
      "array_sort(array(i, 2, 0), (x, y) -> y - x)"}},
    {"map_filter", {"map_filter(map(coalesce(s, ''), i), (k, v) -> v > 0)"}},
    {"transform_keys", {"transform_keys(map(coalesce(s, ''), i), (k, v) -> concat(k, '!'))"}},
    {"transform_values", {"transform_values(map(coalesce(s, ''), i), (k, v) -> v + l)"}},
    {"map_zip_with",
     {"map_zip_with(map(coalesce(s, ''), i), map('abc', d), (k, v1, v2) -> v1 + v2)"}},
};

// The parameter types of a signature text ("string, int [, int] -> string"), repeating the
// last one (or group) when it is variadic, as many as `n` arguments need.
std::vector<std::string> paramTypes(const FunctionDef& f, int n) {
  // FunctionDef::signature reads `name(params) -> result`.
  std::string text = f.signature.substr(0, f.signature.rfind("->"));
  text = text.substr(f.name.size() + 1);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (!text.empty() && text.back() == ')') text.pop_back();
  std::vector<std::string> params;
  std::string cur;
  int depth = 0;
  bool variadic = false;
  auto flush = [&] {
    while (!cur.empty() && cur.back() == ' ') cur.pop_back();
    while (!cur.empty() && cur.front() == ' ') cur.erase(0, 1);
    if (cur.size() > 3 && cur.substr(cur.size() - 3) == "...") {
      variadic = true;
      cur.resize(cur.size() - 3);
      while (!cur.empty() && cur.back() == ' ') cur.pop_back();
    }
    if (!cur.empty()) params.push_back(cur);
    cur.clear();
  };
  for (char c : text) {
    if (c == '<') ++depth;
    if (c == '>') --depth;
    if (depth == 0 && (c == ',' || c == '[' || c == ']')) {
      flush();
      continue;
    }
    cur += c;
  }
  flush();
  while (variadic && !params.empty() && static_cast<int>(params.size()) < n)
    params.push_back(params.back());
  params.resize(std::min<size_t>(params.size(), static_cast<size_t>(n)));
  return params;
}

bool isVar(const std::string& p) {
  return p == "T" || p == "K" || p == "V" || p == "any";
}

// An argument expression of signature type `p`, with `cand` standing for generic types;
// empty when `p` cannot take `cand`.
std::string argFor(const std::string& p, const std::string& cand) {
  if (isVar(p)) return kValue.at(cand);
  if (p == "numeric")
    return std::find(kNumeric.begin(), kNumeric.end(), cand) != kNumeric.end() ? kValue.at(cand)
                                                                               : "";
  if (p == "integral") {
    if (cand == "tinyint" || cand == "smallint" || cand == "int" || cand == "bigint")
      return kValue.at(cand);
    return "";
  }
  if (p == "array<T>" || p == "array<K>" || p == "array<V>")
    return "array(" + kValue.at(cand) + ", " + kValue.at(cand) + ")";
  if (p == "array") return "array(" + kValue.at(cand) + ")";
  if (p == "map<K,V>" || p == "map" || p == "map<string,string>") {
    if (p == "map<string,string>") return "map('k', s)";
    auto k = kKey.find(cand);
    if (k == kKey.end()) return "";
    return "map(" + k->second + ", " + kValue.at(cand) + ")";
  }
  if (p == "struct") return "struct(" + kValue.at(cand) + ", s)";
  auto it = kValue.find(p);
  if (it == kValue.end()) ADD_FAILURE() << "registry coverage: unknown signature type " << p;
  return it == kValue.end() ? "" : it->second;
}

std::string render(const FunctionDef& f, const std::vector<std::string>& args) {
  const std::string& n = f.name;
  if (f.infix && args.size() == 2) {
    std::string op = n;
    for (auto& c : op) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return "(" + args[0] + " " + op + " " + args[1] + ")";
  }
  if (n == "~" && args.size() == 1) return "~" + args[0];
  if (n == "not" && args.size() == 1) return "NOT " + args[0];
  if (n == "in" && args.size() >= 2) {
    std::string out = args[0] + " IN (";
    for (size_t i = 1; i < args.size(); ++i) out += (i > 1 ? ", " : "") + args[i];
    return out + ")";
  }
  std::string out = n + "(";
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
  return out + ")";
}

// The calls to try for `f`: every arity its signature allows (variadic: up to three more
// than the minimum), each with every candidate type for its generic parameters.
std::vector<std::string> callsFor(const FunctionDef& f) {
  auto spelled = kCalls.find(f.name);
  if (spelled != kCalls.end()) return spelled->second;
  std::vector<std::string> calls;
  std::set<std::string> seen;
  const int maxArity = f.maxArgs < 0 ? std::max(f.minArgs, 1) + 2 : f.maxArgs;
  for (int n = f.minArgs; n <= maxArity; ++n) {
    const std::vector<std::string> params = paramTypes(f, n);
    if (static_cast<int>(params.size()) != n) continue;
    for (const auto& [cand, expr] : kValue) {
      (void)expr;
      std::vector<std::string> args;
      bool ok = true;
      for (const auto& p : params) {
        std::string a = argFor(p, cand);
        if (a.empty()) ok = false;
        args.push_back(a);
      }
      if (!ok) continue;
      std::string call = render(f, args);
      if (seen.insert(call).second) calls.push_back(call);
    }
  }
  return calls;
}

bool notSupported(const std::exception& e) {
  return std::string(e.what()).find("not supported by the code generator") != std::string::npos;
}

struct Outcome {
  std::vector<std::string> ran;          // calls that compiled and ran
  std::vector<std::string> unsupported;  // "call: message"
  std::vector<std::string> otherErrors;  // compile / run failures of another kind
  int refused = 0;                       // calls the analyzer refused (types it does not take)
};

Outcome tryCalls(const std::vector<std::string>& calls) {
  Outcome o;
  for (const auto& call : calls) {
    const std::string sql = "SELECT " + call + kFrom;
    try {
      cgtest::plan(sql);
    } catch (const AnalysisError&) {
      ++o.refused;
      continue;
    } catch (const std::exception& e) {
      o.otherErrors.push_back(call + ": " + e.what());
      continue;
    }
    try {
      cgtest::run(sql, 0);
      o.ran.push_back(call);
    } catch (const std::exception& e) {
      (notSupported(e) ? o.unsupported : o.otherErrors).push_back(call + ": " + e.what());
    }
    takeKernelError();  // a run-time error (e.g. a duplicate map key) is not this test's concern
  }
  return o;
}

// The known gap a refusal message falls under (nullptr: none).
const std::pair<std::string, std::string>* knownGap(const std::string& message,
                                                    std::vector<bool>& seen) {
  for (size_t k = 0; k < kKnownGaps.size(); ++k)
    if (message.find(kKnownGaps[k].first) != std::string::npos) {
      seen[k] = true;
      return &kKnownGaps[k];
    }
  return nullptr;
}

TEST(RegistryCoverage, EveryScalarFunctionRunsInGeneratedCode) {
  std::vector<std::string> missing, untested, failures;
  std::vector<bool> gapSeen(kKnownGaps.size(), false);
  std::map<std::string, std::set<std::string>> gaps;  // reason -> functions
  int functions = 0, ranCalls = 0;
  for (const FunctionDef* f : FunctionRegistry::builtins().all()) {
    if (f->kind != FunctionKind::Scalar) continue;
    ++functions;
    if (auto fo = kFoldingOnly.find(f->name); fo != kFoldingOnly.end()) {
      // Refused at analysis on a column, like Spark: nothing to generate.
      EXPECT_THROW(cgtest::plan("SELECT " + fo->second + kFrom), AnalysisError)
          << f->name << " is allow-listed as folding-only but accepts a column";
      continue;
    }
    if (kHandledElsewhere.count(f->name)) continue;
    const Outcome o = tryCalls(callsFor(*f));
    ranCalls += static_cast<int>(o.ran.size());
    bool isMissing = false;
    for (const auto* list : {&o.unsupported, &o.otherErrors})
      for (const auto& u : *list) {
        if (const auto* gap = knownGap(u, gapSeen)) {
          gaps[gap->second].insert(f->name);
          continue;
        }
        failures.push_back(u);
        isMissing |= list == &o.unsupported;
      }
    if (isMissing) missing.push_back(f->name);
    if (o.ran.empty() && o.unsupported.empty() && o.otherErrors.empty())
      untested.push_back(
          f->name + " (the analyzer refused every call tried: " + std::to_string(o.refused) + ")");
  }
  std::string list;
  for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
  std::cout << "[registry coverage] " << functions << " scalar functions, " << ranCalls
            << " calls ran in generated code; missing in the code generator: "
            << (list.empty() ? "none" : list) << "\n";
  for (const auto& [reason, fns] : gaps) {
    std::string names;
    for (const auto& n : fns) names += (names.empty() ? "" : ", ") + n;
    std::cout << "[registry coverage] known gap (" << reason << "): " << names << "\n";
  }
  for (size_t k = 0; k < kKnownGaps.size(); ++k)
    EXPECT_TRUE(gapSeen[k]) << "known gap '" << kKnownGaps[k].first
                            << "' no longer occurs: remove it from kKnownGaps";
  for (const auto& f : failures) ADD_FAILURE() << f;
  for (const auto& u : untested) ADD_FAILURE() << "no call could be built for " << u;
}

// Row 0 of kFrom as a one-row subquery of literals: after CollapseProject a call over these
// columns is a call over literals, which ConstantFolding evaluates with the row's fold.
const char* const kLiteralRow =
    " FROM (SELECT true AS b, 3 AS i, CAST(10 AS BIGINT) AS l, 2.5D AS d, 'abc' AS s, "
    "'2020-01-02 03:04:05' AS ts, '{\"a\":1}' AS j) AS t";

// Whether no expression of the plan still calls a function (everything was folded).
bool noCallsLeft(const PlanPtr& p) {
  bool calls = false;
  for (const ExprPtr& e : p->expressions())
    visit(e, [&](const ExprPtr& x) {
      calls |= x->kind == ExprKind::Call;
      return !calls;
    });
  if (calls) return false;
  for (const PlanPtr& c : p->children())
    if (!noCallsLeft(c)) return false;
  return true;
}

// Every deterministic scalar row with a fold: the calls that run in generated code give, over
// row 0 of kFrom, the value constant folding gives over the same values as literals, and the
// literal form really is folded (no call is left for the code generator).
TEST(RegistryCoverage, ConstantFoldingAgreesWithGeneratedCode) {
  int compared = 0;
  for (const FunctionDef* f : FunctionRegistry::builtins().all()) {
    if (f->kind != FunctionKind::Scalar || !f->fold || !f->deterministic) continue;
    if (kFoldingOnly.count(f->name) || kHandledElsewhere.count(f->name)) continue;
    for (const std::string& call : callsFor(*f)) {
      std::vector<std::string> jit, folded;
      PhysicalPlan plan;
      try {
        jit = cgtest::run("SELECT " + call + kFrom, 0);
        if (takeKernelError()) continue;  // a run-time error: nothing to compare
        plan = cgtest::plan("SELECT " + call + kLiteralRow);
        folded = cgtest::run("SELECT " + call + kLiteralRow, 0);
      } catch (const std::exception&) {
        takeKernelError();
        continue;  // refused (types, known gaps, invalid constants): covered above
      }
      ++compared;
      EXPECT_TRUE(noCallsLeft(plan.logical)) << call << " over literals was not constant-folded";
      ASSERT_FALSE(jit.empty()) << call;
      EXPECT_EQ(jit.at(0), folded.at(0)) << call << ": generated code and folding disagree";
    }
  }
  std::cout << "[registry coverage] " << compared
            << " calls compared between generated code and constant folding\n";
  EXPECT_GT(compared, 500);
}

}  // namespace
}  // namespace sluice
