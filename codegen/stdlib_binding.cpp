#include "codegen/stdlib_binding.h"

#include <llvm/IR/Module.h>

#include <set>

#include "codegen/jit/jit_engine.h"
#include "frontend/error.h"
#include "stdlib/bits.h"
#include "stdlib/cast_abi.h"
#include "stdlib/collections_abi.h"
#include "stdlib/collections_spark_abi.h"
#include "stdlib/datetime_abi.h"
#include "stdlib/datetime_spark.h"
#include "stdlib/hash_abi.h"
#include "stdlib/interval_abi.h"
#include "stdlib/math_abi.h"
#include "stdlib/random_abi.h"
#include "stdlib/strings_abi.h"
#include "stdlib/strings_spark_abi.h"
#include "stdlib/timestamp_ntz.h"
#include "stdlib/uuid.h"

namespace sluice {
namespace {

// The binding of C function `fn` for rows whose symbol is `row`; the C name is the identifier.
#define SLUICE_BIND(row, fn) bindStdlib<&fn>(row, #fn)

// Whether a SQL value of type `t` travels as C type `c` (see findStdlibBinding).
bool carries(CType c, const DataType& t) {
  switch (c) {
    case CType::I8:
      return t.id() == TypeId::Byte;
    case CType::U8:
      return t.id() == TypeId::Boolean;
    case CType::I16:
      return t.id() == TypeId::Short;
    case CType::I32:
      return t.id() == TypeId::Int || t.id() == TypeId::Date;
    case CType::I64:
      return t.id() == TypeId::Long || t.id() == TypeId::Timestamp;
    case CType::I128:
      return t.id() == TypeId::Decimal;
    case CType::F32:
      return t.id() == TypeId::Float;
    case CType::F64:
      return t.id() == TypeId::Double;
    case CType::Bytes:
      return t.id() == TypeId::String;
    case CType::OutString:  // string and binary results are both (bytes, length) views
      return t.id() == TypeId::String || t.id() == TypeId::Binary;
    case CType::Binary:
      return t.id() == TypeId::Binary;
    case CType::Nested:
      return t.isComplex();
    default:
      return false;
  }
}

bool isOut(CType t) {
  return t == CType::OutString || outPointee(t) != CType::Void;
}

// The C type the SQL result arrives as: the return type, or the pointee of the out
// parameter when there is one (the return is then void or the uint8_t validity flag).
CType resultCType(const CSignature& sig) {
  for (CType t : sig.params)
    if (isOut(t)) return t == CType::OutString ? CType::OutString : outPointee(t);
  return sig.result;
}

// Walks the parameters as the marshalling does; true when `argTypes` fit them.
bool accepts(const CSignature& sig, std::span<const TypePtr> argTypes) {
  size_t j = 0;
  const auto& p = sig.params;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == CType::Arena || isOut(p[i])) continue;
    if (p[i] == CType::Views) {
      for (; j < argTypes.size(); ++j)
        if (argTypes[j]->id() != TypeId::String) return false;
      ++i;  // the count
      continue;
    }
    if (j >= argTypes.size() || !carries(p[i], *argTypes[j++])) return false;
    if (p[i] == CType::Bytes || p[i] == CType::Binary) ++i;  // the length
  }
  return j == argTypes.size();
}

bool returns(const CSignature& sig, const DataType& resultType) {
  const CType r = resultCType(sig);
  return r != CType::Void && carries(r, resultType);
}

// A StringView-sized slot (or `count` of them) in the entry block, so loops do not grow the
// stack per row.
llvm::Value* entryAlloca(llvm::IRBuilder<>& b, llvm::Type* t, uint64_t count, const char* name) {
  llvm::BasicBlock& entry = b.GetInsertBlock()->getParent()->getEntryBlock();
  llvm::IRBuilder<> eb(&entry, entry.getFirstInsertionPt());
  return eb.CreateAlloca(t, eb.getInt64(count), name);
}
llvm::Value* entryAlloca(llvm::IRBuilder<>& b, uint64_t count, const char* name) {
  return entryAlloca(b, stringViewType(b.getContext()), count, name);
}
llvm::Value* entryAlloca(llvm::IRBuilder<>& b, llvm::Type* t, const char* name) {
  return entryAlloca(b, t, 1, name);
}

}  // namespace

llvm::Type* llvmTypeOf(llvm::LLVMContext& ctx, CType t) {
  switch (t) {
    case CType::Void:
      return llvm::Type::getVoidTy(ctx);
    case CType::I8:
    case CType::U8:
      return llvm::Type::getInt8Ty(ctx);
    case CType::I16:
      return llvm::Type::getInt16Ty(ctx);
    case CType::I32:
      return llvm::Type::getInt32Ty(ctx);
    case CType::I64:
      return llvm::Type::getInt64Ty(ctx);
    case CType::I128:
      return llvm::Type::getInt128Ty(ctx);
    case CType::F32:
      return llvm::Type::getFloatTy(ctx);
    case CType::F64:
      return llvm::Type::getDoubleTy(ctx);
    case CType::Bytes:
    case CType::Binary:
    case CType::Views:
    case CType::OutString:
    case CType::Arena:
    case CType::Nested:
    case CType::OutU8:
    case CType::OutI8:
    case CType::OutI16:
    case CType::OutI32:
    case CType::OutI64:
    case CType::OutI128:
    case CType::OutF32:
    case CType::OutF64:
      return llvm::PointerType::getUnqual(ctx);
  }
  return nullptr;
}

llvm::FunctionType* llvmSignature(llvm::LLVMContext& ctx, const CSignature& sig) {
  std::vector<llvm::Type*> params;
  for (CType t : sig.params) params.push_back(llvmTypeOf(ctx, t));
  return llvm::FunctionType::get(llvmTypeOf(ctx, sig.result), params, false);
}

std::span<const StdlibBinding> stdlibBindings() {
  // Rows with optional or differently typed arguments have one binding per C overload under
  // the row's symbol; bindings with the symbol "cast" / "hash" / "math" / "datetime" /
  // "nested" / "random" are called by the code generator itself (stdlibBindingNamed), not
  // through a registry row.
  static const std::vector<StdlibBinding> bindings = {
      // strings
      SLUICE_BIND("sluice_str_length", sluice_str_length),
      SLUICE_BIND("sluice_str_upper", sluice_str_upper),
      SLUICE_BIND("sluice_str_lower", sluice_str_lower),
      SLUICE_BIND("sluice_str_substring", sluice_str_substring),
      SLUICE_BIND("sluice_str_substring", sluice_str_substring_from),
      SLUICE_BIND("sluice_str_concat", sluice_str_concat),
      SLUICE_BIND("sluice_str_trim", sluice_str_trim),
      SLUICE_BIND("sluice_str_trim", sluice_str_trim_chars),
      SLUICE_BIND("sluice_str_replace", sluice_str_replace),
      SLUICE_BIND("sluice_str_replace", sluice_str_remove),
      SLUICE_BIND("sluice_str_lpad", sluice_str_lpad),
      SLUICE_BIND("sluice_str_lpad", sluice_str_lpad_space),
      SLUICE_BIND("sluice_str_rpad", sluice_str_rpad),
      SLUICE_BIND("sluice_str_rpad", sluice_str_rpad_space),
      SLUICE_BIND("sluice_str_octet_length", sluice_str_octet_length),
      SLUICE_BIND("sluice_str_initcap", sluice_str_initcap),
      SLUICE_BIND("sluice_str_reverse", sluice_str_reverse),
      SLUICE_BIND("sluice_str_repeat", sluice_str_repeat),
      SLUICE_BIND("sluice_str_ltrim", sluice_str_ltrim),
      SLUICE_BIND("sluice_str_ltrim", sluice_str_ltrim_chars),
      SLUICE_BIND("sluice_str_rtrim", sluice_str_rtrim),
      SLUICE_BIND("sluice_str_rtrim", sluice_str_rtrim_chars),
      SLUICE_BIND("sluice_str_left", sluice_str_left),
      SLUICE_BIND("sluice_str_right", sluice_str_right),
      SLUICE_BIND("sluice_str_instr", sluice_str_instr),
      SLUICE_BIND("sluice_str_locate", sluice_str_locate),
      SLUICE_BIND("sluice_str_locate", sluice_str_locate_from),
      SLUICE_BIND("sluice_str_startswith", sluice_str_startswith),
      SLUICE_BIND("sluice_str_endswith", sluice_str_endswith),
      SLUICE_BIND("sluice_str_contains", sluice_str_contains),
      SLUICE_BIND("sluice_str_ascii", sluice_str_ascii),
      SLUICE_BIND("sluice_str_like", sluice_str_like),
      SLUICE_BIND("sluice_str_like", sluice_str_like_escape),
      SLUICE_BIND("sluice_str_ilike", sluice_str_ilike),
      SLUICE_BIND("sluice_str_ilike", sluice_str_ilike_escape),
      SLUICE_BIND("sluice_str_rlike", sluice_str_rlike),
      SLUICE_BIND("sluice_str_split", sluice_str_split),
      SLUICE_BIND("sluice_str_split", sluice_str_split_limit),
      SLUICE_BIND("sluice_str_regexp_extract", sluice_str_regexp_extract),
      SLUICE_BIND("sluice_str_regexp_extract", sluice_str_regexp_extract_group),
      SLUICE_BIND("sluice_str_regexp_replace", sluice_str_regexp_replace),
      SLUICE_BIND("sluice_str_regexp_replace", sluice_str_regexp_replace_from),
      SLUICE_BIND("concat_ws", sluice_str_concat_ws),
      // Spark strings and encodings (stdlib/strings_spark_abi.h)
      SLUICE_BIND("sluice_str_hex", sluice_str_hex_long),
      SLUICE_BIND("sluice_str_hex", sluice_str_hex_string),
      SLUICE_BIND("sluice_str_hex", sluice_str_hex_binary),
      SLUICE_BIND("sluice_str_unhex", sluice_str_unhex),
      SLUICE_BIND("sluice_str_base64", sluice_str_base64),
      SLUICE_BIND("sluice_str_unbase64", sluice_str_unbase64),
      SLUICE_BIND("sluice_str_to_number", sluice_str_to_number),
      SLUICE_BIND("sluice_str_try_to_number", sluice_str_try_to_number),
      SLUICE_BIND("sluice_str_to_char_number", sluice_str_to_char_number),
      SLUICE_BIND("sluice_str_to_binary", sluice_str_to_binary),
      SLUICE_BIND("sluice_str_to_binary", sluice_str_to_binary_fmt),
      SLUICE_BIND("sluice_str_try_to_binary", sluice_str_try_to_binary),
      SLUICE_BIND("sluice_str_try_to_binary", sluice_str_try_to_binary_fmt),
      SLUICE_BIND("sluice_str_encode", sluice_str_encode),
      SLUICE_BIND("sluice_str_decode", sluice_str_decode),
      SLUICE_BIND("sluice_str_split_part", sluice_str_split_part),
      SLUICE_BIND("sluice_str_substring_index", sluice_str_substring_index),
      SLUICE_BIND("sluice_str_levenshtein", sluice_str_levenshtein),
      SLUICE_BIND("sluice_str_levenshtein", sluice_str_levenshtein_bounded),
      SLUICE_BIND("sluice_str_soundex", sluice_str_soundex),
      SLUICE_BIND("sluice_str_translate", sluice_str_translate),
      SLUICE_BIND("sluice_str_overlay", sluice_str_overlay),
      SLUICE_BIND("sluice_str_overlay", sluice_str_overlay_len),
      SLUICE_BIND("sluice_str_luhn_check", sluice_str_luhn_check),
      // misc (stdlib/uuid.h, stdlib/bits.h)
      SLUICE_BIND("sluice_uuid", sluice_uuid),
      SLUICE_BIND("sluice_bit_count", sluice_bit_count),
      SLUICE_BIND("math", sluice_bit_get),
      SLUICE_BIND("sluice_width_bucket", sluice_width_bucket),
      // Spark datetime conversions (stdlib/datetime_spark.h)
      SLUICE_BIND("sluice_dt_make_date", sluice_dt_make_date),
      SLUICE_BIND("datetime", sluice_dt_make_timestamp),
      SLUICE_BIND("datetime", sluice_dt_make_timestamp_tz),
      SLUICE_BIND("sluice_dt_timestamp_millis", sluice_dt_timestamp_millis),
      SLUICE_BIND("sluice_dt_timestamp_micros", sluice_dt_timestamp_micros),
      SLUICE_BIND("sluice_dt_unix_seconds_of", sluice_dt_unix_seconds_of),
      SLUICE_BIND("sluice_dt_unix_millis", sluice_dt_unix_millis),
      SLUICE_BIND("sluice_dt_unix_micros", sluice_dt_unix_micros),
      SLUICE_BIND("sluice_dt_unix_date", sluice_dt_unix_date),
      SLUICE_BIND("sluice_dt_date_from_unix_date", sluice_dt_date_from_unix_date),
      SLUICE_BIND("sluice_dt_from_utc_timestamp", sluice_dt_from_utc_timestamp),
      SLUICE_BIND("sluice_dt_to_utc_timestamp", sluice_dt_to_utc_timestamp),
      SLUICE_BIND("sluice_dt_weekofyear", sluice_dt_weekofyear),
      SLUICE_BIND("sluice_dt_weekday", sluice_dt_weekday),
      SLUICE_BIND("datetime", sluice_dt_extract),
      SLUICE_BIND("datetime", sluice_dt_extract_seconds),
      // datetime
      SLUICE_BIND("sluice_dt_to_timestamp", sluice_cast_str_to_timestamp),
      SLUICE_BIND("sluice_dt_to_timestamp", sluice_dt_parse_fmt),
      SLUICE_BIND("sluice_dt_to_timestamp", sluice_dt_date_to_timestamp),
      SLUICE_BIND("sluice_dt_to_timestamp", sluice_dt_timestamp_identity),
      SLUICE_BIND("sluice_dt_to_timestamp", sluice_dt_date_to_timestamp_fmt),
      SLUICE_BIND("sluice_dt_to_timestamp", sluice_dt_timestamp_identity_fmt),
      // to_timestamp_ntz: the UTC kernels, but text keeps its wall clock
      SLUICE_BIND("sluice_dt_to_timestamp_ntz", sluice_cast_str_to_timestamp_ntz),
      SLUICE_BIND("sluice_dt_to_timestamp_ntz", sluice_dt_parse_fmt),
      SLUICE_BIND("sluice_dt_to_timestamp_ntz", sluice_dt_date_to_timestamp),
      SLUICE_BIND("sluice_dt_to_timestamp_ntz", sluice_dt_timestamp_identity),
      SLUICE_BIND("sluice_dt_to_timestamp_ntz", sluice_dt_date_to_timestamp_fmt),
      SLUICE_BIND("sluice_dt_to_timestamp_ntz", sluice_dt_timestamp_identity_fmt),
      SLUICE_BIND("sluice_dt_to_date", sluice_cast_str_to_date),
      SLUICE_BIND("sluice_dt_to_date", sluice_dt_parse_date_fmt),
      SLUICE_BIND("sluice_dt_to_date", sluice_dt_date_identity),
      SLUICE_BIND("sluice_dt_to_date", sluice_dt_timestamp_to_date),
      SLUICE_BIND("sluice_dt_to_date", sluice_dt_date_identity_fmt),
      SLUICE_BIND("sluice_dt_to_date", sluice_dt_timestamp_to_date_fmt),
      SLUICE_BIND("sluice_dt_unix_seconds", sluice_dt_unix_seconds_str),
      SLUICE_BIND("sluice_dt_unix_seconds", sluice_dt_unix_seconds_fmt),
      SLUICE_BIND("sluice_dt_unix_seconds", sluice_dt_unix_seconds_date),
      SLUICE_BIND("sluice_dt_unix_seconds", sluice_dt_unix_seconds_timestamp),
      SLUICE_BIND("sluice_dt_unix_seconds", sluice_dt_unix_seconds_date_fmt),
      SLUICE_BIND("sluice_dt_unix_seconds", sluice_dt_unix_seconds_timestamp_fmt),
      SLUICE_BIND("sluice_dt_from_unixtime", sluice_dt_from_unixtime),
      SLUICE_BIND("sluice_dt_from_unixtime", sluice_dt_from_unixtime_fmt),
      SLUICE_BIND("sluice_dt_date_format", sluice_dt_date_format),
      SLUICE_BIND("sluice_dt_date_trunc", sluice_dt_date_trunc),
      SLUICE_BIND("sluice_dt_trunc_date", sluice_dt_trunc_date),
      SLUICE_BIND("sluice_dt_year", sluice_dt_year),
      SLUICE_BIND("sluice_dt_quarter", sluice_dt_quarter),
      SLUICE_BIND("sluice_dt_month", sluice_dt_month),
      SLUICE_BIND("sluice_dt_dayofmonth", sluice_dt_dayofmonth),
      SLUICE_BIND("sluice_dt_dayofweek", sluice_dt_dayofweek),
      SLUICE_BIND("sluice_dt_dayofyear", sluice_dt_dayofyear),
      SLUICE_BIND("sluice_dt_hour", sluice_dt_hour),
      SLUICE_BIND("sluice_dt_minute", sluice_dt_minute),
      SLUICE_BIND("sluice_dt_second", sluice_dt_second),
      SLUICE_BIND("sluice_dt_date_add", sluice_dt_date_add),
      SLUICE_BIND("sluice_dt_date_sub", sluice_dt_date_sub),
      SLUICE_BIND("sluice_dt_datediff", sluice_dt_datediff),
      SLUICE_BIND("sluice_dt_add_months", sluice_dt_add_months),
      SLUICE_BIND("sluice_dt_last_day", sluice_dt_last_day),
      SLUICE_BIND("sluice_dt_timestamp_seconds", sluice_dt_timestamp_seconds),
      SLUICE_BIND("sluice_dt_timestamp_seconds", sluice_dt_timestamp_seconds_double),
      SLUICE_BIND("datetime", sluice_dt_timestamp_seconds_decimal),
      SLUICE_BIND("now", sluice_dt_now_micros),
      // Session time zone forms of time-zone-aware rows (`<symbol>_tz`: the zone id is the
      // last argument; overloads without a zone form keep their plain binding).
      SLUICE_BIND("sluice_dt_to_timestamp_tz", sluice_cast_str_to_timestamp_tz),
      SLUICE_BIND("sluice_dt_to_timestamp_tz", sluice_dt_parse_fmt_tz),
      SLUICE_BIND("sluice_dt_to_timestamp_tz", sluice_dt_date_to_timestamp_tz),
      SLUICE_BIND("sluice_dt_to_timestamp_tz", sluice_dt_date_to_timestamp_fmt_tz),
      SLUICE_BIND("sluice_dt_to_date_tz", sluice_dt_parse_date_fmt_tz),
      SLUICE_BIND("sluice_dt_to_date_tz", sluice_dt_timestamp_to_date_tz),
      SLUICE_BIND("sluice_dt_to_date_tz", sluice_dt_timestamp_to_date_fmt_tz),
      SLUICE_BIND("sluice_dt_unix_seconds_tz", sluice_dt_unix_seconds_str_tz),
      SLUICE_BIND("sluice_dt_unix_seconds_tz", sluice_dt_unix_seconds_fmt_tz),
      SLUICE_BIND("sluice_dt_unix_seconds_tz", sluice_dt_unix_seconds_date_tz),
      SLUICE_BIND("sluice_dt_unix_seconds_tz", sluice_dt_unix_seconds_date_fmt_tz),
      SLUICE_BIND("sluice_dt_from_unixtime_tz", sluice_dt_from_unixtime_tz),
      SLUICE_BIND("sluice_dt_from_unixtime_tz", sluice_dt_from_unixtime_fmt_tz),
      SLUICE_BIND("sluice_dt_date_format_tz", sluice_dt_date_format_tz),
      SLUICE_BIND("sluice_dt_date_trunc_tz", sluice_dt_date_trunc_tz),
      SLUICE_BIND("sluice_dt_timestampadd", sluice_dt_timestampadd),
      SLUICE_BIND("sluice_dt_timestampadd_tz", sluice_dt_timestampadd_tz),
      SLUICE_BIND("sluice_dt_timestampdiff", sluice_dt_timestampdiff),
      SLUICE_BIND("sluice_dt_timestampdiff_tz", sluice_dt_timestampdiff_tz),
      SLUICE_BIND("sluice_dt_hour_tz", sluice_dt_hour_tz),
      SLUICE_BIND("sluice_dt_minute_tz", sluice_dt_minute_tz),
      SLUICE_BIND("sluice_dt_second_tz", sluice_dt_second_tz),
      SLUICE_BIND("datetime", sluice_dt_local_date_tz),
      SLUICE_BIND("datetime", sluice_dt_to_local_tz),
      SLUICE_BIND("datetime", sluice_dt_timestamp_add_interval),
      // math
      SLUICE_BIND("sluice_math_pow", sluice_math_pow),
      SLUICE_BIND("sluice_math_sqrt", sluice_math_sqrt),
      SLUICE_BIND("sluice_math_cbrt", sluice_math_cbrt),
      SLUICE_BIND("sluice_math_exp", sluice_math_exp),
      SLUICE_BIND("sluice_math_sign", sluice_math_sign),
      SLUICE_BIND("sluice_math_sin", sluice_math_sin),
      SLUICE_BIND("sluice_math_cos", sluice_math_cos),
      SLUICE_BIND("sluice_math_tan", sluice_math_tan),
      SLUICE_BIND("sluice_math_asin", sluice_math_asin),
      SLUICE_BIND("sluice_math_acos", sluice_math_acos),
      SLUICE_BIND("sluice_math_atan", sluice_math_atan),
      SLUICE_BIND("sluice_math_sinh", sluice_math_sinh),
      SLUICE_BIND("sluice_math_cosh", sluice_math_cosh),
      SLUICE_BIND("sluice_math_tanh", sluice_math_tanh),
      SLUICE_BIND("sluice_math_atan2", sluice_math_atan2),
      SLUICE_BIND("sluice_math_degrees", sluice_math_degrees),
      SLUICE_BIND("sluice_math_radians", sluice_math_radians),
      SLUICE_BIND("sluice_math_ln", sluice_math_ln),
      SLUICE_BIND("sluice_math_log10", sluice_math_log10),
      SLUICE_BIND("sluice_math_log2", sluice_math_log2),
      SLUICE_BIND("sluice_math_log", sluice_math_ln),
      SLUICE_BIND("sluice_math_log", sluice_math_log),
      SLUICE_BIND("math", sluice_math_round_f64),
      SLUICE_BIND("math", sluice_math_bround_f64),
      SLUICE_BIND("math", sluice_math_round_i64),
      SLUICE_BIND("math", sluice_math_round_decimal),
      SLUICE_BIND("math", sluice_math_floor_f64),
      SLUICE_BIND("math", sluice_math_ceil_f64),
      SLUICE_BIND("math", sluice_math_floor_decimal),
      SLUICE_BIND("math", sluice_math_ceil_decimal),
      SLUICE_BIND("math", sluice_decimal_arith),
      SLUICE_BIND("math", sluice_decimal_div),
      SLUICE_BIND("math", sluice_decimal_pmod),
      // hash
      SLUICE_BIND("hash", sluice_hash_murmur3_int),
      SLUICE_BIND("hash", sluice_hash_murmur3_long),
      SLUICE_BIND("hash", sluice_hash_murmur3_float),
      SLUICE_BIND("hash", sluice_hash_murmur3_double),
      SLUICE_BIND("hash", sluice_hash_murmur3_bytes),
      SLUICE_BIND("hash", sluice_hash_murmur3_decimal),
      SLUICE_BIND("hash", sluice_hash_xxhash64_int),
      SLUICE_BIND("hash", sluice_hash_xxhash64_long),
      SLUICE_BIND("hash", sluice_hash_xxhash64_float),
      SLUICE_BIND("hash", sluice_hash_xxhash64_double),
      SLUICE_BIND("hash", sluice_hash_xxhash64_bytes),
      SLUICE_BIND("hash", sluice_hash_xxhash64_decimal),
      SLUICE_BIND("sluice_hash_md5", sluice_hash_md5),
      SLUICE_BIND("sluice_hash_sha1", sluice_hash_sha1),
      SLUICE_BIND("sluice_hash_sha2", sluice_hash_sha2),
      SLUICE_BIND("sluice_hash_crc32", sluice_hash_crc32),
      // arrays (element type descriptor and flags supplied by builtin_calls_codegen.cpp)
      SLUICE_BIND("nested", sluice_array_sort),
      SLUICE_BIND("nested", sluice_array_distinct),
      SLUICE_BIND("nested", sluice_array_contains),
      SLUICE_BIND("nested", sluice_array_concat),
      SLUICE_BIND("nested", sluice_array_reverse),
      SLUICE_BIND("nested", sluice_nested_compare),
      // rand / randn (generator state supplied by builtin_calls_codegen.cpp)
      SLUICE_BIND("random", sluice_rand_init),
      SLUICE_BIND("random", sluice_rand_double),
      SLUICE_BIND("random", sluice_rand_gaussian),
      // casts
      SLUICE_BIND("cast", sluice_cast_str_to_bool),
      SLUICE_BIND("cast", sluice_cast_str_to_i8),
      SLUICE_BIND("cast", sluice_cast_str_to_i16),
      SLUICE_BIND("cast", sluice_cast_str_to_i32),
      SLUICE_BIND("cast", sluice_cast_str_to_i64),
      SLUICE_BIND("cast", sluice_cast_str_to_f32),
      SLUICE_BIND("cast", sluice_cast_str_to_f64),
      SLUICE_BIND("cast", sluice_cast_str_to_decimal),
      SLUICE_BIND("cast", sluice_cast_str_to_date),
      SLUICE_BIND("cast", sluice_cast_str_to_timestamp),
      SLUICE_BIND("cast", sluice_cast_str_to_timestamp_ntz),
      SLUICE_BIND("cast", sluice_cast_bool_to_str),
      SLUICE_BIND("cast", sluice_cast_i64_to_str),
      SLUICE_BIND("cast", sluice_cast_f32_to_str),
      SLUICE_BIND("cast", sluice_cast_f64_to_str),
      SLUICE_BIND("cast", sluice_cast_decimal_to_str),
      SLUICE_BIND("cast", sluice_cast_date_to_str),
      SLUICE_BIND("cast", sluice_cast_timestamp_to_str),
      SLUICE_BIND("cast", sluice_cast_timestamp_to_str_tz),
      SLUICE_BIND("nested", sluice_array_join),
      SLUICE_BIND("nested", sluice_json_array_length),
      SLUICE_BIND("nested", sluice_json_object_keys),
      SLUICE_BIND("nested", sluice_str_to_map),
      SLUICE_BIND("nested", sluice_format_string),
      SLUICE_BIND("cast", sluice_cast_ym_to_str),
      SLUICE_BIND("cast", sluice_cast_dt_to_str),
      SLUICE_BIND("cast", sluice_cast_str_to_ym),
      SLUICE_BIND("cast", sluice_cast_str_to_dt),
      SLUICE_BIND("datetime", sluice_session_gap_micros),
      SLUICE_BIND("datetime", sluice_dt_timestamp_add_months),
      SLUICE_BIND("datetime", sluice_dt_timestamp_add_daytime),
      SLUICE_BIND("datetime", sluice_dt_subtract_timestamps),
      SLUICE_BIND("datetime", sluice_dt_date_add_interval),
      SLUICE_BIND("datetime", sluice_seq_temporal),
      SLUICE_BIND("datetime", sluice_interval_scale_i64),
      SLUICE_BIND("datetime", sluice_interval_scale_f64),
      SLUICE_BIND("cast", sluice_cast_str_to_timestamp_tz),
      SLUICE_BIND("cast", sluice_dt_date_to_timestamp_tz),
      SLUICE_BIND("cast", sluice_dt_timestamp_to_date_tz),
      SLUICE_BIND("cast", sluice_dt_ltz_to_ntz_tz),
      SLUICE_BIND("cast", sluice_dt_ntz_to_ltz_tz),
      SLUICE_BIND("cast", sluice_cast_i64_to_binary),
      SLUICE_BIND("cast", sluice_cast_decimal_to_decimal),
      SLUICE_BIND("cast", sluice_cast_i64_to_decimal),
      SLUICE_BIND("cast", sluice_cast_f64_to_decimal),
      SLUICE_BIND("cast", sluice_cast_decimal_to_f64),
      SLUICE_BIND("cast", sluice_cast_decimal_to_i64),
      SLUICE_BIND("cast", sluice_cast_decimal_to_timestamp),
      SLUICE_BIND("cast", sluice_cast_i64_to_timestamp),
      SLUICE_BIND("cast", sluice_cast_f64_to_timestamp),
  };
  return bindings;
}

const StdlibBinding* findStdlibBinding(const std::string& symbol, std::span<const TypePtr> argTypes,
                                       const DataType& resultType) {
  for (const StdlibBinding& bd : stdlibBindings())
    if (bd.symbol == symbol && accepts(bd.sig, argTypes) && returns(bd.sig, resultType)) return &bd;
  return nullptr;
}

const StdlibBinding& stdlibBindingNamed(std::string_view cName) {
  for (const StdlibBinding& bd : stdlibBindings())
    if (bd.cName == cName) return bd;
  throw CodegenError("code generator: no stdlib binding named " + std::string(cName));
}

SqlValue emitStdlibCall(llvm::IRBuilder<>& b, const StdlibBinding& binding,
                        std::span<const SqlValue> args, const TypePtr& resultType,
                        const std::function<llvm::Value*()>& arena) {
  llvm::LLVMContext& ctx = b.getContext();
  llvm::StructType* viewTy = stringViewType(ctx);
  const auto& p = binding.sig.params;
  std::vector<llvm::Value*> inputs;
  size_t j = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    switch (p[i]) {
      case CType::Bytes:
      case CType::Binary: {
        llvm::Value* view = args[j++].value;
        inputs.push_back(stringViewData(b, view));
        inputs.push_back(stringViewLength(b, view));
        ++i;
        break;
      }
      case CType::Views: {
        const uint64_t n = args.size() - j;
        llvm::Value* arr = entryAlloca(b, std::max<uint64_t>(n, 1), "strargs");
        for (uint64_t k = 0; k < n; ++k)
          b.CreateStore(args[j + k].value, b.CreateConstGEP1_64(viewTy, arr, k));
        j = args.size();
        inputs.push_back(arr);
        inputs.push_back(b.getInt64(static_cast<int64_t>(n)));
        ++i;
        break;
      }
      case CType::U8:  // i1 -> 0 / 1 byte
        inputs.push_back(b.CreateZExt(args[j++].value, b.getInt8Ty()));
        break;
      case CType::I128:  // decimals of precision <= 18 are i64
        inputs.push_back(b.CreateSExt(args[j++].value, b.getInt128Ty()));
        break;
      default:
        if (p[i] != CType::Arena && !isOut(p[i])) inputs.push_back(args[j++].value);
        break;
    }
  }
  return emitCCall(b, binding, inputs, resultType, arena);
}

SqlValue emitCCall(llvm::IRBuilder<>& b, const StdlibBinding& binding,
                   std::span<llvm::Value* const> inputs, const TypePtr& resultType,
                   const std::function<llvm::Value*()>& arena) {
  llvm::LLVMContext& ctx = b.getContext();
  const auto& p = binding.sig.params;
  std::vector<llvm::Value*> callArgs;
  llvm::Value* out = nullptr;
  llvm::Type* outTy = nullptr;
  size_t j = 0;
  for (CType t : p) {
    if (t == CType::Arena) {
      callArgs.push_back(arena());
    } else if (isOut(t)) {
      outTy = t == CType::OutString ? static_cast<llvm::Type*>(stringViewType(ctx))
                                    : llvmTypeOf(ctx, outPointee(t));
      out = entryAlloca(b, outTy, "out");
      callArgs.push_back(out);
    } else {
      if (j >= inputs.size())
        throw CodegenError("code generator: too few arguments for " + binding.cName);
      callArgs.push_back(inputs[j++]);
    }
  }
  llvm::Module* m = b.GetInsertBlock()->getModule();
  llvm::FunctionCallee fn = m->getOrInsertFunction(binding.cName, llvmSignature(ctx, binding.sig));
  llvm::Value* r = b.CreateCall(fn, callArgs);
  llvm::Value* isNull = b.getFalse();
  CType rc = binding.sig.result;
  if (out) {
    if (binding.sig.result == CType::U8) isNull = b.CreateICmpEQ(r, b.getInt8(0), "invalid");
    r = b.CreateLoad(outTy, out, "res");
    rc = resultCType(binding.sig);
  } else if (rc == CType::Nested) {
    isNull = b.CreateICmpEQ(r, llvm::ConstantPointerNull::get(b.getPtrTy()), "isnull");
  }
  if (rc == CType::U8) r = b.CreateICmpNE(r, b.getInt8(0));
  if (rc == CType::I128 && resultType->id() == TypeId::Decimal &&
      llvmTypeFor(ctx, *resultType) != r->getType())
    r = b.CreateTrunc(r, llvmTypeFor(ctx, *resultType));
  if (out && binding.sig.result == CType::U8) {
    // A NULL result's payload must be defined (SqlValue's invariant): the out slot may not
    // have been written.
    r = b.CreateSelect(isNull, llvm::Constant::getNullValue(r->getType()), r);
  }
  return SqlValue::of(r, isNull, resultType);
}

void registerStdlibBindings(JitEngine& jit) {
  // One C function may implement several rows (and casts): define each name once.
  std::set<std::string> seen;
  for (const StdlibBinding& bd : stdlibBindings())
    if (seen.insert(bd.cName).second) jit.defineSymbol(bd.cName, bd.address);
}

}  // namespace sluice
