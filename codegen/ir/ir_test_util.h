#pragma once
// Test helpers for codegen/ir (included by *_test.cpp only): compile a SqlValue expression
// over N operands into a kernel, JIT it at -O0 and -O2, and call both from C++ with
// std::optional operands (nullopt = SQL NULL), checking that both levels agree.
#include <gtest/gtest.h>
#include <llvm/IR/Verifier.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/ir/control_flow.h"
#include "codegen/ir/ir_context.h"
#include "codegen/ir/sql_value.h"
#include "codegen/jit/jit_engine.h"

namespace sluice::irtest {

/// C layout of the `{ptr, i64}` string view.
struct StrView {
  const char* data;
  int64_t len;
};

/// Per-optimization-level engines shared by all tests of the binary (JIT startup is slow).
inline JitEngine& engine(int level) {
  static JitEngine o0(0), o2(2);
  return level == 0 ? o0 : o2;
}

/// A unique symbol name for each compiled kernel.
inline std::string freshName(const std::string& base) {
  static int counter = 0;
  return base + "_" + std::to_string(counter++);
}

/// Builds the module twice (once per level), verifies it, and JITs it; returns the addresses
/// of `name` at -O0 and -O2. `build` fills a fresh IrModule.
inline std::vector<uint64_t> compileBoth(const std::string& name,
                                         const std::function<void(IrModule&)>& build) {
  std::vector<uint64_t> out;
  for (int level : {0, 2}) {
    IrModule mod(name);
    build(mod);
    std::string errors;
    llvm::raw_string_ostream os(errors);
    EXPECT_FALSE(llvm::verifyModule(mod.module(), &os)) << os.str() << mod.printIR();
    mod.addTo(engine(level));
    out.push_back(engine(level).lookup(name));
  }
  return out;
}

/// The body of a kernel: operands in, result out.
using KernelBody = std::function<SqlValue(llvm::IRBuilder<>&, std::vector<SqlValue>&)>;

/// A compiled `void k(const A* vals, const bool* nulls, R* out, bool* outNull)`; operands
/// are loaded as SqlValues of `argType` (statically non-NULL if `maybeNull` is false).
template <typename R, typename A>
class Kernel {
 public:
  Kernel(TypePtr argType, int arity, KernelBody body, bool maybeNull = true) {
    const std::string name = freshName("kernel");
    fns_ = compileBoth(name, [&](IrModule& mod) {
      const IrTypes& t = mod.types();
      FunctionBuilder fn(mod, name, t.voidTy, {t.ptr, t.ptr, t.ptr, t.ptr},
                         {"vals", "nulls", "out", "outnull"});
      auto& b = fn.builder();
      llvm::Type* argTy = mod.sqlType(*argType);
      std::vector<SqlValue> args;
      for (int i = 0; i < arity; ++i) {
        llvm::Value* v = b.CreateLoad(argTy, b.CreateConstGEP1_64(argTy, fn.arg(0), i));
        llvm::Value* n = b.CreateICmpNE(
            b.CreateLoad(t.i8, b.CreateConstGEP1_64(t.i8, fn.arg(1), i)), b.getInt8(0));
        args.push_back(maybeNull ? SqlValue::of(v, n, argType) : SqlValue::notNull(v, argType));
      }
      SqlValue r = body(b, args);
      b.CreateStore(r.value, fn.arg(2));
      b.CreateStore(b.CreateZExt(r.isNull, t.i8), fn.arg(3));
      fn.retVoid();
      fn.finish();
    });
  }

  /// Runs the kernel at both levels; fails the test if they disagree.
  std::optional<R> operator()(const std::vector<std::optional<A>>& operands) const {
    // Arrays, not vectors: std::vector<bool> is not an array of bool.
    std::unique_ptr<A[]> vals(new A[operands.size() + 1]);
    std::unique_ptr<bool[]> nulls(new bool[operands.size() + 1]);
    for (size_t i = 0; i < operands.size(); ++i) {
      nulls[i] = !operands[i].has_value();
      if (operands[i]) {
        vals[i] = *operands[i];
      } else if constexpr (std::is_same_v<A, StrView>) {
        vals[i] = StrView{reinterpret_cast<const char*>(8), 1 << 20};  // must not be read
      } else if constexpr (std::is_same_v<A, bool>) {
        vals[i] = true;  // i1 loads of bytes other than 0/1 are undefined in LLVM
      } else {
        std::memset(static_cast<void*>(&vals[i]), 0x5a, sizeof(A));  // arbitrary payload
      }
    }
    std::optional<R> results[2];
    for (int k = 0; k < 2; ++k) {
      R out{};
      bool outNull = false;
      reinterpret_cast<void (*)(const A*, const bool*, R*, bool*)>(fns_[k])(vals.get(), nulls.get(),
                                                                            &out, &outNull);
      if (!outNull) results[k] = out;
    }
    EXPECT_EQ(results[0].has_value(), results[1].has_value()) << "-O0 and -O2 disagree on NULL";
    if (results[0] && results[1]) {
      if constexpr (std::is_floating_point_v<R>) {
        if (!(std::isnan(*results[0]) && std::isnan(*results[1]))) {
          EXPECT_EQ(*results[0], *results[1]) << "-O0 and -O2 disagree";
        }
      } else {
        EXPECT_EQ(*results[0], *results[1]) << "-O0 and -O2 disagree";
      }
    }
    return results[1];
  }

  /// Binary convenience form.
  std::optional<R> operator()(std::optional<A> a, std::optional<A> b) const {
    return (*this)(std::vector<std::optional<A>>{a, b});
  }

 private:
  std::vector<uint64_t> fns_;
};

/// A string view of a C++ string (which must outlive the call).
inline StrView sv(std::string_view s) {
  return StrView{s.data(), static_cast<int64_t>(s.size())};
}

}  // namespace sluice::irtest
