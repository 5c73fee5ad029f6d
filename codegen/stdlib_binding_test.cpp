#include "codegen/stdlib_binding.h"

#include <gtest/gtest.h>
#include <llvm/Support/raw_ostream.h>

#include "frontend/error.h"
#include "planner/functions/registry.h"
#include "stdlib/cast_abi.h"
#include "stdlib/hash_abi.h"
#include "stdlib/math_abi.h"
#include "stdlib/strings_abi.h"

namespace sluice {
namespace {

std::string print(llvm::Type* t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  t->print(os);
  return s;
}

TEST(StdlibBinding, SignatureIsDerivedFromTheCxxType) {
  llvm::LLVMContext ctx;
  EXPECT_EQ(print(llvmSignatureOf<decltype(&sluice_str_substring)>(ctx)),
            "void (ptr, ptr, i64, i32, i32, ptr)");
  EXPECT_EQ(print(llvmSignatureOf<decltype(&sluice_str_length)>(ctx)), "i32 (ptr, i64)");
  EXPECT_EQ(print(llvmSignatureOf<decltype(&sluice_str_concat)>(ctx)), "void (ptr, ptr, i64, ptr)");
  using Mixed = double (*)(int8_t, uint8_t, int16_t, int64_t, float);
  EXPECT_EQ(print(llvmSignatureOf<Mixed>(ctx)), "double (i8, i8, i16, i64, float)");
  const CSignature sig = cSignatureOf<decltype(&sluice_str_upper)>();
  EXPECT_EQ(sig.result, CType::Void);
  EXPECT_EQ(sig.params,
            (std::vector<CType>{CType::Arena, CType::Bytes, CType::I64, CType::OutString}));
}

TEST(StdlibBinding, NullableResultsDecimalsAndNestedValues) {
  llvm::LLVMContext ctx;
  // A nullable result: the value through an out pointer, validity as the uint8_t return.
  EXPECT_EQ(print(llvmSignatureOf<decltype(&sluice_cast_str_to_decimal)>(ctx)),
            "i8 (ptr, i64, i32, i32, ptr)");
  EXPECT_EQ(cSignatureOf<decltype(&sluice_cast_str_to_decimal)>().params.back(), CType::OutI128);
  EXPECT_EQ(print(llvmSignatureOf<decltype(&sluice_decimal_arith)>(ctx)),
            "i8 (i32, i128, i32, i128, i32, i32, i32, ptr)");
  EXPECT_EQ(cSignatureOf<decltype(&sluice_str_split)>().result, CType::Nested);
  const TypePtr s = DataType::string(), i = DataType::integer();
  // Dates travel as int32, timestamps as int64: to_date / to_timestamp pick by argument type.
  EXPECT_EQ(
      findStdlibBinding("sluice_dt_to_date", std::vector<TypePtr>{s}, *DataType::date())->cName,
      "sluice_cast_str_to_date");
  EXPECT_EQ(findStdlibBinding("sluice_dt_to_date", std::vector<TypePtr>{DataType::timestamp()},
                              *DataType::date())
                ->cName,
            "sluice_dt_timestamp_to_date");
  EXPECT_EQ(
      findStdlibBinding("sluice_dt_to_date", std::vector<TypePtr>{s, s}, *DataType::date())->cName,
      "sluice_dt_parse_date_fmt");
  EXPECT_EQ(
      findStdlibBinding("sluice_str_split", std::vector<TypePtr>{s, s, i}, *DataType::arrayOf(s))
          ->cName,
      "sluice_str_split_limit");
  EXPECT_EQ(findStdlibBinding("sluice_str_split", std::vector<TypePtr>{s, s}, *s), nullptr);
  EXPECT_EQ(stdlibBindingNamed("sluice_hash_murmur3_bytes").sig.result, CType::I32);
  EXPECT_THROW(stdlibBindingNamed("no_such_function"), CodegenError);
}

TEST(StdlibBinding, OverloadsAreChosenByArgumentTypes) {
  const TypePtr s = DataType::string(), i = DataType::integer();
  EXPECT_EQ(findStdlibBinding("sluice_str_substring", std::vector<TypePtr>{s, i, i}, *s)->cName,
            "sluice_str_substring");
  EXPECT_EQ(findStdlibBinding("sluice_str_substring", std::vector<TypePtr>{s, i}, *s)->cName,
            "sluice_str_substring_from");
  EXPECT_EQ(findStdlibBinding("sluice_str_concat", std::vector<TypePtr>{}, *s)->cName,
            "sluice_str_concat");
  EXPECT_EQ(findStdlibBinding("sluice_str_length", std::vector<TypePtr>{DataType::binary()}, *i),
            nullptr);
  EXPECT_EQ(findStdlibBinding("sluice_str_upper", std::vector<TypePtr>{s}, *i), nullptr);
}

TEST(StdlibBinding, BinaryParametersTakeBinariesOnly) {
  // `const uint8_t*` + length is a binary argument; strings (`const char*`) never bind to it,
  // so the binder's string -> binary cast (md5('x')) is what reaches a digest.
  const TypePtr s = DataType::string(), bin = DataType::binary();
  EXPECT_EQ(cSignatureOf<decltype(&sluice_hash_md5)>().params,
            (std::vector<CType>{CType::Arena, CType::Binary, CType::I64, CType::OutString}));
  EXPECT_EQ(findStdlibBinding("sluice_hash_md5", std::vector<TypePtr>{bin}, *s)->cName,
            "sluice_hash_md5");
  EXPECT_EQ(findStdlibBinding("sluice_hash_md5", std::vector<TypePtr>{s}, *s), nullptr);
  EXPECT_EQ(
      findStdlibBinding("sluice_hash_sha2", std::vector<TypePtr>{bin, DataType::integer()}, *s)
          ->cName,
      "sluice_hash_sha2");
  EXPECT_EQ(
      findStdlibBinding("sluice_hash_crc32", std::vector<TypePtr>{bin}, *DataType::bigint())->cName,
      "sluice_hash_crc32");
}

TEST(StdlibBinding, EveryRowSymbolHasABinding) {
  for (const FunctionDef* f : FunctionRegistry::builtins().all()) {
    if (f->symbol.empty()) continue;
    bool found = false;
    for (const StdlibBinding& b : stdlibBindings()) found |= b.symbol == f->symbol;
    EXPECT_TRUE(found) << f->name << " has symbol " << f->symbol << " but no binding";
  }
}

TEST(StdlibBinding, ArenaResultsSurviveUntilReset) {
  StringArena arena;
  StringView a{}, b{};
  sluice_str_upper(&arena, "abc", 3, &a);
  const StringView parts[] = {a, {"!", 1}};
  sluice_str_concat(&arena, parts, 2, &b);
  EXPECT_EQ(a.view(), "ABC");
  EXPECT_EQ(b.view(), "ABC!");
  std::string big(200000, 'x');
  sluice_str_lower(&arena, big.data(), static_cast<int64_t>(big.size()), &a);  // new chunk
  EXPECT_EQ(a.view(), big);
  arena.reset();
  sluice_str_substring(&arena, "hello", 5, -3, 2, &a);
  EXPECT_EQ(a.view(), "ll");
}

}  // namespace
}  // namespace sluice
