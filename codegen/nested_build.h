#pragma once
// Building blocks of the emitters that produce arrays and maps in the nested layout
// (stdlib/nested.h) in the kernel's arena: allocation, element stores, loop counters, element
// equality (atomic values compare inline, nested ones through sluice_nested_compare) and NULL
// checks. Shared by nested_codegen_arrays.cpp, nested_codegen_maps.cpp, the higher-order
// functions (expr_codegen_lambda.cpp) and the text emitters that pass arguments as a struct
// (format_string).
#include <llvm/IR/IRBuilder.h>

#include <vector>

#include "codegen/call_emitters.h"
#include "stdlib/json_schema.h"

namespace sluice::nestedbuild {

/// Bytes before the slots of an array: length, null-bytes pointer, slots pointer, spare.
constexpr int64_t kArrayHeader = 32;

/// A new array of capacity `n`: its header address, its 16-byte slots and its null bytes.
/// The caller stores the final length at `base` once the elements are written.
struct NewArray {
  llvm::Value* base;   ///< the array (header first)
  llvm::Value* slots;  ///< element payloads, 16 bytes each
  llvm::Value* nulls;  ///< one byte per element, 1 for NULL
};

/// Allocates an array of capacity `n` (i64) with null bytes in `c`'s arena.
NewArray newArray(llvm::IRBuilder<>& b, const CallSite& c, llvm::Value* n);
/// An array of `n` (i64) elements that are never NULL (no null bytes); writes the length and
/// returns the base, `*slots` receives the slot address.
llvm::Value* newDenseArray(llvm::IRBuilder<>& b, const CallSite& c, llvm::Value* n,
                           llvm::Value** slots);
/// Bytes before the keys of a map: length, value-null-bytes, keys and values pointers.
constexpr int64_t kMapHeader = 32;

/// A new map of capacity `n`; the caller stores the final length at `base`.
struct NewMap {
  llvm::Value* base;    ///< the map (header first)
  llvm::Value* keys;    ///< key payloads, 16 bytes each
  llvm::Value* values;  ///< value payloads, 16 bytes each
  llvm::Value* nulls;   ///< one byte per value, 1 for NULL
};

/// Allocates a map of capacity `n` (i64) in `c`'s arena.
NewMap newMap(llvm::IRBuilder<>& b, const CallSite& c, llvm::Value* n);
/// Spark's rule for a built map of `c`'s result type: no repeated key (mapKeyDedupPolicy
/// EXCEPTION); NULL keys are the caller's check.
void checkMapKeys(llvm::IRBuilder<>& b, const CallSite& c, llvm::Value* map);

/// Stores `v` (coerced to `type`) and its NULL flag at index `i` of `slots` / `nulls`.
void put(llvm::IRBuilder<>& b, llvm::Value* slots, llvm::Value* nulls, llvm::Value* i,
         const SqlValue& v, const TypePtr& type);

/// A stack i64 counter starting at 0.
llvm::Value* counter(llvm::IRBuilder<>& b, const char* name);
/// Post-increment of a counter: returns its value before adding 1.
llvm::Value* bump(llvm::IRBuilder<>& b, llvm::Value* slot);
/// The counter's current value.
llvm::Value* load(llvm::IRBuilder<>& b, llvm::Value* slot);

/// The NestedType descriptor of `t`, one per distinct type for the process (kernels hold its
/// address, so it must outlive them).
const stdlib::NestedType& descriptor(const DataType& t, const Expr& where);

/// Equality of two non-NULL values of type `t` as an i1.
llvm::Value* equal(llvm::IRBuilder<>& b, const CallSite& c, const SqlValue& x, const SqlValue& y,
                   const TypePtr& t);
/// Equality where NULL equals NULL (the set functions' notion of a duplicate).
llvm::Value* sameValue(llvm::IRBuilder<>& b, const CallSite& c, const SqlValue& x,
                       const SqlValue& y, const TypePtr& t);
/// Whether `v` is among the first `upTo` (i64) elements of array `arr` (NULL equals NULL).
llvm::Value* containsUpTo(llvm::IRBuilder<>& b, const CallSite& c, llvm::Value* arr,
                          const DataType& arrType, llvm::Value* upTo, const SqlValue& v);

/// A call of the stdlib binding named `cName` (its errors are kernel errors).
SqlValue callNamed(const CallSite& c, const char* cName, std::vector<llvm::Value*> inputs,
                   const TypePtr& resultType);
/// An i1 that is true when any of `a` is NULL.
llvm::Value* anyNull(llvm::IRBuilder<>& b, const std::vector<SqlValue>& a);

}  // namespace sluice::nestedbuild
