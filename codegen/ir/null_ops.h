#pragma once
// SQL operators on SqlValues with Spark's non-ANSI semantics, including NULL handling.
// Every helper emits at the builder's insertion point; those on strings call runtime helpers
// and may add blocks (the builder then ends up in a later block of the same function).
//
// Operand types must be equal (the binder inserts the casts Spark's type coercion requires);
// a mismatch or an unsupported type is a CodegenError. Operands are evaluated eagerly:
// non-ANSI Spark expressions cannot fail, so skipping work is only an optimization.
#include <llvm/IR/IRBuilder.h>

#include <span>

#include "codegen/ir/sql_value.h"

namespace sluice {

/// Binary arithmetic operators.
enum class ArithOp {
  Add,             ///< `+`: integers wrap on overflow (two's complement), IEEE for floats
  Subtract,        ///< `-`: idem
  Multiply,        ///< `*`: idem
  Divide,          ///< `/`: float / double only (Spark casts integral operands to double)
  IntegralDivide,  ///< `div`: integral only, truncates toward zero; MIN div -1 wraps to MIN
  Remainder,       ///< `%`: sign of the dividend (Java's % / fmod); MIN % -1 = 0
  Pmod,            ///< `pmod`: non-negative for a positive divisor
};

/// Comparison operators. Floating point follows Spark's SQL ordering: NaN = NaN, NaN is
/// greater than every other value, -0.0 = 0.0. Strings and binaries compare as unsigned
/// bytes, then by length. Booleans: false < true.
enum class CmpOp {
  Eq,          ///< `=`: NULL if either side is NULL
  NullSafeEq,  ///< `<=>`: never NULL; NULL <=> NULL is true
  Lt,          ///< `<`
  Le,          ///< `<=`
  Gt,          ///< `>`
  Ge,          ///< `>=`
};

/// `l op r` for numeric types (tinyint .. double). NULL if either operand is NULL; Divide,
/// IntegralDivide, Remainder and Pmod are also NULL when the divisor is zero (Spark non-ANSI).
/// The result has the operands' type.
SqlValue emitArith(llvm::IRBuilder<>& b, ArithOp op, const SqlValue& l, const SqlValue& r);
/// Unary minus (integers wrap: -MIN = MIN).
SqlValue emitNegate(llvm::IRBuilder<>& b, const SqlValue& v);

/// `l op r` as a boolean SqlValue, for boolean, numeric (non-decimal), date, timestamp,
/// string and binary operands of one type.
SqlValue emitCompare(llvm::IRBuilder<>& b, CmpOp op, const SqlValue& l, const SqlValue& r);

/// Kleene AND: FALSE wins over NULL (FALSE AND NULL = FALSE); TRUE AND NULL = NULL.
SqlValue emitAnd(llvm::IRBuilder<>& b, const SqlValue& l, const SqlValue& r);
/// Kleene OR: TRUE wins over NULL (TRUE OR NULL = TRUE); FALSE OR NULL = NULL.
SqlValue emitOr(llvm::IRBuilder<>& b, const SqlValue& l, const SqlValue& r);
/// NOT: NOT NULL = NULL.
SqlValue emitNot(llvm::IRBuilder<>& b, const SqlValue& v);

/// An i1 that is true only when boolean `v` is TRUE (NULL counts as false, as in a WHERE or
/// a CASE WHEN condition); an untyped NULL is false.
llvm::Value* emitIsTrue(llvm::IRBuilder<>& b, const SqlValue& v);

/// `v IS NULL` (never NULL).
SqlValue emitIsNull(llvm::IRBuilder<>& b, const SqlValue& v);
/// `v IS NOT NULL` (never NULL).
SqlValue emitIsNotNull(llvm::IRBuilder<>& b, const SqlValue& v);
/// `coalesce(v0, v1, ...)`: the first non-NULL value, NULL if all are. At least one value;
/// all of one type.
SqlValue emitCoalesce(llvm::IRBuilder<>& b, std::span<const SqlValue> values);
/// `cond ? t : f` on SqlValues without branching (CASE WHEN / IF on computed operands);
/// `cond` is an i1 (a NULL SQL condition must already be folded to false by the caller).
SqlValue emitSelect(llvm::IRBuilder<>& b, llvm::Value* cond, const SqlValue& t, const SqlValue& f);

/// `CAST(v AS to)` with Spark's non-ANSI semantics, for boolean, tinyint .. bigint, float
/// and double (and from the untyped NULL to anything):
/// - integral narrowing wraps (keeps the low bits), widening sign-extends;
/// - integral -> float / double rounds to nearest;
/// - float / double -> int / bigint truncates toward zero and saturates out of range, NaN
///   -> 0 (Java's d2i / d2l); -> tinyint / smallint goes through int then wraps (Scala's
///   toByte / toShort);
/// - numeric -> boolean is `v != 0` (NaN is true); boolean -> numeric is 1 / 0.
/// Other casts throw CodegenError (not supported by the code generator yet).
SqlValue emitCast(llvm::IRBuilder<>& b, const SqlValue& v, const TypePtr& to);

/// Whether emitCast supports `from -> to`.
bool castSupported(const DataType& from, const DataType& to);

}  // namespace sluice
