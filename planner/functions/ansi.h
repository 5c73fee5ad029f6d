#pragma once
// spark.sql.ansi.enabled (Spark's EvalMode.ANSI): which calls and casts behave differently
// in ANSI mode, and the checks constant folding runs on them. Generated code runs the same
// checks (codegen/ansi_codegen.cpp); both word the errors through stdlib/ansi_errors.h, so a
// folded constant and a kernel fail with the same error class. The binder records the mode
// once, at analysis (resolveEvalMode), in the expressions themselves: nothing reads the
// setting at run time. The mode is Spark's EvalMode: a call in ANSI mode calls the ANSI form
// of its function (ansiForm: a copy of the row, the same fold and emitter, so rules that
// match rows by address leave it alone); a cast in ANSI or TRY mode carries a mode row in
// Expr::fn (nullptr for a legacy cast).
#include <string>
#include <vector>

#include "planner/catalog/catalog.h"
#include "planner/expr.h"
#include "planner/logical/logical_plan.h"

namespace sluice {

struct FunctionDef;

/// spark.sql.ansi.enabled of a session (key and value case-insensitive; false when unset,
/// Spark 3's default).
bool ansiEnabled(const Catalog& catalog);
/// The ANSI form of builtin row `legacy` (one per row, built on first use).
const FunctionDef* ansiForm(const FunctionDef& legacy);
/// The mode rows a Cast carries in Expr::fn.
const FunctionDef& ansiCastMode();
const FunctionDef& tryCastMode();
/// Whether `e` (a Call or Cast) runs in ANSI mode.
bool isAnsi(const Expr& e);
/// False until some statement of the process was analyzed in ANSI mode (lets the code
/// generator skip looking for ANSI expressions in legacy-mode processes).
bool ansiModeUsed();
/// `cast` (a Cast) as TRY_CAST: NULL on invalid input in ANSI mode too.
ExprPtr asTryCast(const ExprPtr& cast);
/// Spark's ANSI mode for every call and cast whose result differs in it (not TRY_CAST's
/// casts), when `ansi`; the binder applies it to what it returns.
PlanPtr resolveEvalMode(const PlanPtr& plan, bool ansi);
ExprPtr resolveEvalMode(const ExprPtr& e, bool ansi);

/// What ANSI mode adds to an expression.
enum class AnsiCheck {
  None,
  IntegralOverflow,  ///< + - * negative abs on integral types: ARITHMETIC_OVERFLOW
  DecimalOverflow,   ///< + - * on decimals: NUMERIC_VALUE_OUT_OF_RANGE instead of NULL
  Divide,            ///< / % div pmod: DIVIDE_BY_ZERO (and decimal overflow)
  ArrayIndex,        ///< a[i] out of bounds: INVALID_ARRAY_INDEX
  ElementAt,         ///< element_at(array, i) out of bounds: ..._IN_ELEMENT_AT
  ParseTimestamp,    ///< to_date / to_timestamp / unix_timestamp of bad text
  CastInvalidInput,  ///< CAST(string AS number / date / timestamp / boolean)
  CastOverflow,      ///< CAST(number AS narrower number)
};

/// The check `e` gets in ANSI mode (None for expressions that behave the same in both).
AnsiCheck ansiCheckOf(const Expr& e);
/// Spark's upper-case SQL name of a type in error messages (`INT`, `DECIMAL(10,2)`).
std::string ansiSqlType(const DataType& t);
/// Spark's word for an integral type in ARITHMETIC_OVERFLOW ("integer", "long", ...).
std::string ansiOverflowWord(const DataType& t);
/// The try_ function Spark's overflow error suggests for call `e` ("" for none).
std::string ansiTryFunction(const Expr& e);
/// [lo, hi] of an integral type.
std::pair<int64_t, int64_t> integralRange(TypeId t);

/// Constant folding of an ANSI-mode call: throws std::invalid_argument with Spark's error
/// when `e` of `args` (evaluated), whose non-ANSI result is `result`, fails in ANSI mode.
void checkAnsiCall(const Expr& e, const std::vector<Value>& args, const Value& result);
/// ... of an ANSI-mode cast of `in` (not NULL) whose non-ANSI result is `out`.
void checkAnsiCast(const Expr& e, const Value& in, const Value& out);

}  // namespace sluice
