#pragma once
// Host functions: C++ functions an embedding program registers as SQL scalar functions
// (Engine::registerFunction), called directly by the generated code. This header turns a
// C++ function into a C-ABI entry point of the stdlib's calling convention at compile time,
// so the declaration generated code calls through is derived from the C++ type, never
// retyped.
//
// Parameter types and the SQL types they take by default:
//   bool -> boolean, int8_t -> tinyint, int16_t -> smallint, int32_t -> int,
//   int64_t -> bigint, float -> float, double -> double,
//   std::string_view / std::string -> string.
// An explicit signature (FunctionOptions::signature) may pick another SQL type the same C
// type carries: int32_t as date (days since 1970-01-01), int64_t as timestamp (microseconds),
// strings as binary.
// Result types: the same, with std::string / std::string_view giving string; the bytes are
// copied into the kernel's arena at once, so a view only has to live until the return.
// std::optional<T> as a result: the function may return NULL (std::nullopt).
// std::optional<T> as a parameter: the function is called with NULLs of that argument
// (std::nullopt); a NULL for any other parameter gives NULL without calling the function
// (Spark's rule for primitive Scala UDF parameters).
// A function that throws fails the query with an ExecutionError carrying the exception's
// what(); it is never unwound through generated code.
#include <array>
#include <cstdint>
#include <cstring>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "sluice/export.h"
#include "sluice/host_abi.h"

namespace sluice {

/// How a host function is registered (Engine::registerFunction).
struct FunctionOptions {
  /// Explicit SQL signature, e.g. `"binary -> string"` or `"bigint, string -> timestamp"`
  /// (Spark type names); empty: derived from the C++ types (see function.h).
  std::string signature;
  /// False for functions whose result may differ between calls with the same arguments
  /// (random numbers, clocks): such calls are never deduplicated or treated as constants.
  bool deterministic = true;
};

/// A host function in type-erased form, as registerFunction<F> builds it.
struct HostFunction {
  const void* entry = nullptr;    ///< the C-ABI entry point generated code calls
  CSignature signature;           ///< its C signature (derived from its C++ type)
  std::vector<bool> argSeesNull;  ///< per SQL argument: std::optional parameter
  bool resultNullable = false;    ///< std::optional result
};

namespace host_detail {

/// Records the exception a host function threw for the running kernel (api/).
SLUICE_API void reportFailure(const char* what) noexcept;
/// `n` bytes of `arena` for a string result (valid until the kernel's batch is done).
SLUICE_API char* allocateResult(StringArena* arena, size_t n) noexcept;

template <class... T>
struct List {};
template <class... L>
struct Concat;
template <>
struct Concat<> {
  using type = List<>;
};
template <class... A>
struct Concat<List<A...>> {
  using type = List<A...>;
};
template <class... A, class... B, class... Rest>
struct Concat<List<A...>, List<B...>, Rest...> {
  using type = typename Concat<List<A..., B...>, Rest...>::type;
};
template <class L>
struct Length;
template <class... T>
struct Length<List<T...>> {
  static constexpr size_t value = sizeof...(T);
};

template <class T>
struct Optional : std::false_type {};
template <class T>
struct Optional<std::optional<T>> : std::true_type {
  using inner = T;
};

template <class T>
inline constexpr bool isText =
    std::is_same_v<T, std::string_view> || std::is_same_v<T, std::string>;

// The C parameters that carry one argument of host type T.
template <class T>
struct Arg {
  static_assert(std::is_same_v<T, bool> || std::is_same_v<T, int8_t> ||
                    std::is_same_v<T, int16_t> || std::is_same_v<T, int32_t> ||
                    std::is_same_v<T, int64_t> || std::is_same_v<T, float> ||
                    std::is_same_v<T, double> || isText<T>,
                "host function parameters: bool, int8_t..int64_t, float, double, "
                "std::string_view, std::string or std::optional of one of them");
  using params =
      std::conditional_t<isText<T>, List<const char*, int64_t>,
                         std::conditional_t<std::is_same_v<T, bool>, List<uint8_t>, List<T>>>;
};
template <class T>
struct Arg<std::optional<T>> {
  using params = typename Concat<typename Arg<T>::params, List<uint8_t>>::type;  // + NULL flag
};

// Host argument T from the C arguments `t` starting at index Off.
template <class T, size_t Off, class Tuple>
T decode(const Tuple& t) {
  if constexpr (Optional<T>::value) {
    using U = typename Optional<T>::inner;
    if (std::get<Off + Length<typename Arg<U>::params>::value>(t)) return std::nullopt;
    return decode<U, Off>(t);
  } else if constexpr (isText<T>) {
    return T(std::get<Off>(t), static_cast<size_t>(std::get<Off + 1>(t)));
  } else if constexpr (std::is_same_v<T, bool>) {
    return std::get<Off>(t) != 0;
  } else {
    return std::get<Off>(t);
  }
}

// Where each host argument's C arguments start.
template <class... A>
constexpr std::array<size_t, sizeof...(A)> offsets() {
  constexpr size_t sizes[] = {Length<typename Arg<A>::params>::value..., 0};
  std::array<size_t, sizeof...(A)> out{};
  size_t at = 0;
  for (size_t i = 0; i < sizeof...(A); ++i) {
    out[i] = at;
    at += sizes[i];
  }
  return out;
}

inline void copyOut(std::string_view s, StringArena* arena, StringView* out) {
  char* p = allocateResult(arena, s.size());
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  *out = StringView{p, static_cast<int64_t>(s.size())};
}

// How a result of host type R comes back: the C return type, the extra (out) parameters,
// and `deliver` / `failed` filling them.
template <class R>
struct Result {
  static_assert(std::is_same_v<R, bool> || std::is_same_v<R, int8_t> ||
                    std::is_same_v<R, int16_t> || std::is_same_v<R, int32_t> ||
                    std::is_same_v<R, int64_t> || std::is_same_v<R, float> ||
                    std::is_same_v<R, double> || isText<R> || Optional<R>::value,
                "host function results: bool, int8_t..int64_t, float, double, std::string, "
                "std::string_view or std::optional of one of them");
  using C = std::conditional_t<std::is_same_v<R, bool>, uint8_t, R>;
  using ret = C;
  using extra = List<>;
  static constexpr bool nullable = false;
  template <class Fn>
  static ret deliver(Fn&& f) {
    return static_cast<C>(f());
  }
  static ret failed() { return C{}; }
};
template <class R>
requires isText<R>
struct Result<R> {
  using ret = void;
  using extra = List<StringArena*, StringView*>;
  static constexpr bool nullable = false;
  template <class Fn>
  static void deliver(Fn&& f, StringArena* arena, StringView* out) {
    const R r = f();
    copyOut(r, arena, out);
  }
  static void failed(StringArena*, StringView* out) { *out = StringView{nullptr, 0}; }
};
template <class T>
struct Result<std::optional<T>> {
  using ret = uint8_t;  // nonzero: valid; 0: NULL
  using C = std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>;
  using extra = std::conditional_t<isText<T>, List<StringArena*, StringView*>, List<C*>>;
  static constexpr bool nullable = true;
  template <class Fn>
  static uint8_t deliver(Fn&& f, StringArena* arena, StringView* out) requires isText<T> {
    const std::optional<T> r = f();
    if (!r) return failed(arena, out);
    copyOut(*r, arena, out);
    return 1;
  }
  template <class Fn>
  static uint8_t deliver(Fn&& f, C* out) requires(!isText<T>) {
    const std::optional<T> r = f();
    if (!r) return failed(out);
    *out = static_cast<C>(*r);
    return 1;
  }
  static uint8_t failed(StringArena*, StringView* out) {
    *out = StringView{nullptr, 0};
    return 0;
  }
  static uint8_t failed(C* out) {
    *out = C{};
    return 0;
  }
};

template <class F>
struct Traits;
template <class R, class... A>
struct Traits<R (*)(A...)> {
  using result = std::remove_cvref_t<R>;
  using args = List<std::remove_cvref_t<A>...>;
};
template <class R, class... A>
struct Traits<R (*)(A...) noexcept> : Traits<R (*)(A...)> {};

template <auto F, class Args, class CParams, class Extra>
struct Entry;
template <auto F, class... A, class... P, class... X>
struct Entry<F, List<A...>, List<P...>, List<X...>> {
  using R = typename Traits<decltype(F)>::result;
  using ret = typename Result<R>::ret;
  using plain = ret (*)(P..., X...);  // call's type without noexcept (c_signature.h's form)

  // The C-ABI entry point: decodes the C arguments, calls F, encodes its result; noexcept,
  // since it runs inside generated code.
  static ret call(P... p, X... x) noexcept {
    try {
      const std::tuple<P...> c{p...};
      auto invoke = [&c]() -> R { return callWith(c, std::index_sequence_for<A...>{}); };
      return Result<R>::deliver(invoke, x...);
    } catch (const std::exception& e) {
      reportFailure(e.what());
    } catch (...) {
      reportFailure("unknown exception");
    }
    return Result<R>::failed(x...);
  }

  template <size_t... I>
  static R callWith(const std::tuple<P...>& c, std::index_sequence<I...>) {
    constexpr auto at = offsets<A...>();
    return F(decode<A, at[I]>(c)...);
  }
};

template <auto F>
struct EntryOf {
  using T = Traits<decltype(F)>;
  template <class L>
  struct Params;
  template <class... A>
  struct Params<List<A...>> {
    using type = typename Concat<typename Arg<A>::params...>::type;
    static std::vector<bool> seesNull() { return {Optional<A>::value...}; }
  };
  using args = typename T::args;
  using type =
      Entry<F, args, typename Params<args>::type, typename Result<typename T::result>::extra>;
};

}  // namespace host_detail

/// The HostFunction of `F`, a function (or captureless lambda converted with `+`) whose types
/// are those listed in function.h.
template <auto F>
HostFunction hostFunction() {
  using E = typename host_detail::EntryOf<F>::type;
  using T = typename host_detail::EntryOf<F>;
  HostFunction h;
  h.entry = reinterpret_cast<const void*>(&E::call);
  h.signature = cSignatureOf<typename E::plain>();
  h.argSeesNull = T::template Params<typename T::args>::seesNull();
  h.resultNullable =
      host_detail::Result<typename host_detail::Traits<decltype(F)>::result>::nullable;
  return h;
}

}  // namespace sluice
