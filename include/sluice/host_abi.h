#pragma once
// The C calling convention between generated code and the functions it calls (the stdlib's
// entry points and host functions, see function.h): the closed set of C types such a
// function may use, read off its function-pointer type at compile time, so the LLVM
// declaration generated code calls through is derived from the C++ declaration and can never
// drift from it. A parameter type outside the set is a compile error at the binding, not a
// miscompiled call at run time. Public because host functions are bound through it.
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sluice {

/// A string / binary value: the `{ptr, i64}` view of generated code.
struct StringView {
  const char* ptr;  ///< first byte (may be null when len is 0)
  int64_t len;      ///< length in bytes

  /// The bytes as a std::string_view.
  std::string_view view() const { return {ptr, static_cast<size_t>(len)}; }
};

/// The allocator for the bytes of string results (defined by the engine; a host function
/// never sees inside it: its results are copied in by function.h).
class StringArena;

}  // namespace sluice

namespace sluice {

/// One C parameter or return type of a stdlib entry point.
enum class CType {
  Void,       ///< return only
  I8,         ///< int8_t
  U8,         ///< uint8_t: booleans (0 / 1); `bool` itself is not used (ABI-dependent)
  I16,        ///< int16_t
  I32,        ///< int32_t
  I64,        ///< int64_t: a number, or the length after Bytes / the count after Views
  I128,       ///< __int128: an unscaled decimal of any precision (i64 decimals are widened)
  F32,        ///< float
  F64,        ///< double
  Bytes,      ///< const char*: string bytes, followed by their int64_t length
  Binary,     ///< const uint8_t*: binary bytes, followed by their int64_t length
  Views,      ///< const StringView*: array of strings, followed by an int64_t count
  OutString,  ///< StringView*: where a string result is written
  Arena,      ///< StringArena*: allocator for the result's bytes
  Nested,     ///< const void*: a nested value (stdlib/nested.h), result only
  // Where a nullable scalar result is written; the function then returns uint8_t, nonzero
  // when the result is valid and 0 for NULL (e.g. a cast of malformed text).
  OutU8,    ///< uint8_t*
  OutI8,    ///< int8_t*
  OutI16,   ///< int16_t*
  OutI32,   ///< int32_t*
  OutI64,   ///< int64_t*
  OutI128,  ///< __int128*
  OutF32,   ///< float*
  OutF64,   ///< double*
};

/// The value type an Out* CType points to (Void for other CTypes); OutString is not a scalar.
constexpr CType outPointee(CType t) {
  switch (t) {
    case CType::OutU8:
      return CType::U8;
    case CType::OutI8:
      return CType::I8;
    case CType::OutI16:
      return CType::I16;
    case CType::OutI32:
      return CType::I32;
    case CType::OutI64:
      return CType::I64;
    case CType::OutI128:
      return CType::I128;
    case CType::OutF32:
      return CType::F32;
    case CType::OutF64:
      return CType::F64;
    default:
      return CType::Void;
  }
}

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
template <> struct CTypeOf<__int128> : CTypeIs<CType::I128> {};
template <> struct CTypeOf<float> : CTypeIs<CType::F32> {};
template <> struct CTypeOf<double> : CTypeIs<CType::F64> {};
template <> struct CTypeOf<const char*> : CTypeIs<CType::Bytes> {};
template <> struct CTypeOf<const uint8_t*> : CTypeIs<CType::Binary> {};
template <> struct CTypeOf<const StringView*> : CTypeIs<CType::Views> {};
template <> struct CTypeOf<StringView*> : CTypeIs<CType::OutString> {};
template <> struct CTypeOf<StringArena*> : CTypeIs<CType::Arena> {};
template <> struct CTypeOf<const void*> : CTypeIs<CType::Nested> {};
template <> struct CTypeOf<uint8_t*> : CTypeIs<CType::OutU8> {};
template <> struct CTypeOf<int8_t*> : CTypeIs<CType::OutI8> {};
template <> struct CTypeOf<int16_t*> : CTypeIs<CType::OutI16> {};
template <> struct CTypeOf<int32_t*> : CTypeIs<CType::OutI32> {};
template <> struct CTypeOf<int64_t*> : CTypeIs<CType::OutI64> {};
template <> struct CTypeOf<__int128*> : CTypeIs<CType::OutI128> {};
template <> struct CTypeOf<float*> : CTypeIs<CType::OutF32> {};
template <> struct CTypeOf<double*> : CTypeIs<CType::OutF64> {};
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
