#pragma once
// IrModule: one LLVM module under construction (normally one per pipeline) together with the
// LLVMContext that owns its types and constants, and the handful of LLVM types every
// translator needs. Generated code is built with the helpers in sql_value.h, control_flow.h
// and null_ops.h, then handed to the JitEngine with `addTo`.
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <memory>
#include <string>

#include "planner/types.h"

namespace sluice {

class JitEngine;

/// The LLVM types generated code uses everywhere, created once per context.
struct IrTypes {
  explicit IrTypes(llvm::LLVMContext& ctx);

  llvm::Type* voidTy;         ///< void
  llvm::IntegerType* i1;      ///< boolean
  llvm::IntegerType* i8;      ///< tinyint, bytes
  llvm::IntegerType* i16;     ///< smallint
  llvm::IntegerType* i32;     ///< int, date, strcmp results
  llvm::IntegerType* i64;     ///< bigint, timestamp, lengths, row indexes
  llvm::IntegerType* i128;    ///< decimal with precision > 18
  llvm::Type* f32;            ///< float
  llvm::Type* f64;            ///< double
  llvm::PointerType* ptr;     ///< opaque pointer (address space 0)
  llvm::StructType* strView;  ///< `{ptr, i64}`: string / binary view (bytes, length)
};

/// Owns an LLVMContext and one Module configured for the host (target triple and data
/// layout), until `addTo` hands both to a JitEngine. Not copyable; movable.
class IrModule {
 public:
  /// A new, empty module called `name` (the name shows up in JIT errors and printed IR).
  explicit IrModule(const std::string& name);
  ~IrModule();
  IrModule(IrModule&&) noexcept;
  IrModule& operator=(IrModule&&) noexcept;
  IrModule(const IrModule&) = delete;
  IrModule& operator=(const IrModule&) = delete;

  /// The context owning this module's types and constants. Invalid after `addTo`.
  llvm::LLVMContext& context() { return *context_; }
  /// The module itself. Invalid after `addTo`.
  llvm::Module& module() { return *module_; }
  /// Cached common types. Invalid after `addTo` (they live in the context).
  const IrTypes& types() const { return *types_; }
  /// The module's name as given to the constructor (still valid after `addTo`).
  const std::string& name() const { return name_; }
  /// True once `addTo` has handed the module to a JIT.
  bool consumed() const { return module_ == nullptr; }

  /// The LLVM type that holds values of a SQL type (see sql_value.h for the mapping).
  llvm::Type* sqlType(const DataType& type) const;

  /// The module as LLVM assembly text (for tests, debugging and EXPLAIN CODEGEN).
  std::string printIR() const;
  /// Runs LLVM's verifier; returns its diagnostics, or an empty string if the module is valid.
  std::string verify() const;

  /// Registers the IR runtime helpers (ir_runtime.h) with `jit`, then verifies, optimizes
  /// and compiles the module there. The module and context move into the JIT: afterwards
  /// this object is `consumed()` and only `name()` may be used. Throws CodegenError if the
  /// module does not verify. If `optimizedIR` is given, it receives the optimized IR.
  void addTo(JitEngine& jit, std::string* optimizedIR = nullptr);

 private:
  std::string name_;
  // Declaration order matters: the module must be destroyed before its context.
  std::unique_ptr<llvm::LLVMContext> context_;
  std::unique_ptr<llvm::Module> module_;
  std::unique_ptr<IrTypes> types_;
};

/// The host's target triple and data layout, computed once per process (IrModule applies
/// them to every module so the optimizer knows type sizes before the JIT sees the module).
const std::string& hostTargetTriple();
const std::string& hostDataLayout();

}  // namespace sluice
