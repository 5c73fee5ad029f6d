#pragma once
// The C types a stdlib entry point may use, read off its function-pointer type at compile
// time, so the LLVM declaration generated code calls through is derived from the C++
// declaration and can never drift from it. The set is closed on purpose: a parameter type
// outside it is a compile error at the binding, not a miscompiled call at run time.
// No LLVM here; stdlib_binding.h turns a CSignature into an llvm::FunctionType.
#include <cstdint>
#include <type_traits>
#include <vector>

#include "stdlib/abi_types.h"

namespace sluice {

/// One C parameter or return type of a stdlib entry point.
enum class CType {
  Void,       ///< return only
  I8,         ///< int8_t
  U8,         ///< uint8_t: booleans (0 / 1); `bool` itself is not used (ABI-dependent)
  I16,        ///< int16_t
  I32,        ///< int32_t
  I64,        ///< int64_t: a number, or the length after Bytes / the count after Views
  F32,        ///< float
  F64,        ///< double
  Bytes,      ///< const char*: string bytes, followed by their int64_t length
  Views,      ///< const StringView*: array of strings, followed by an int64_t count
  OutString,  ///< StringView*: where a string result is written
  Arena,      ///< StringArena*: allocator for the result's bytes
};

namespace detail {
template <typename T>
struct CTypeOf {
  static_assert(!std::is_same_v<T, bool>, "pass booleans as uint8_t: bool's ABI varies");
  static_assert(sizeof(T) == 0, "type outside the stdlib ABI's closed set (c_signature.h)");
};
template <CType C>
struct CTypeIs {
  static constexpr CType value = C;
};
// clang-format off
template <> struct CTypeOf<void> : CTypeIs<CType::Void> {};
template <> struct CTypeOf<int8_t> : CTypeIs<CType::I8> {};
template <> struct CTypeOf<uint8_t> : CTypeIs<CType::U8> {};
template <> struct CTypeOf<int16_t> : CTypeIs<CType::I16> {};
template <> struct CTypeOf<int32_t> : CTypeIs<CType::I32> {};
template <> struct CTypeOf<int64_t> : CTypeIs<CType::I64> {};
template <> struct CTypeOf<float> : CTypeIs<CType::F32> {};
template <> struct CTypeOf<double> : CTypeIs<CType::F64> {};
template <> struct CTypeOf<const char*> : CTypeIs<CType::Bytes> {};
template <> struct CTypeOf<const StringView*> : CTypeIs<CType::Views> {};
template <> struct CTypeOf<StringView*> : CTypeIs<CType::OutString> {};
template <> struct CTypeOf<StringArena*> : CTypeIs<CType::Arena> {};
// clang-format on
}  // namespace detail

/// The CType of C type `T` (compile error outside the closed set).
template <typename T>
inline constexpr CType cTypeOf = detail::CTypeOf<T>::value;

/// A C function type as CTypes.
struct CSignature {
  CType result = CType::Void;
  std::vector<CType> params;
};

namespace detail {
template <typename F>
struct SignatureOf;
template <typename R, typename... A>
struct SignatureOf<R (*)(A...)> {
  static CSignature get() { return CSignature{cTypeOf<R>, {cTypeOf<A>...}}; }
};
}  // namespace detail

/// The CSignature of function-pointer type `F` (e.g. `decltype(&sluice_str_upper)`).
template <typename F>
CSignature cSignatureOf() {
  return detail::SignatureOf<F>::get();
}

}  // namespace sluice
