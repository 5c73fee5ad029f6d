#pragma once
// Record reassembly (Dremel): the decoded leaves of a row group turned back into values, one
// top-level value at a time, nested values built in the stdlib/nested.h layout in an arena.
// A read plan (ReadNode) maps the file's schema to the requested type, which may prune
// struct fields at any depth; only the leaves the plan needs are decoded.
#include <string>
#include <vector>

#include "runtime/files/parquet/column_reader.h"
#include "runtime/files/parquet/parquet_schema.h"
#include "stdlib/nested.h"

namespace sluice::parquet {

/// How one requested value is read.
struct ReadNode {
  const SchemaNode* file = nullptr;  ///< nullptr: a struct field the file lacks (always NULL)
  TypePtr type;                      ///< the requested type
  std::vector<ReadNode> children;    ///< Struct: requested fields, then hidden ones; List:
                                     ///< {element}; Map: {key, value}
  size_t visible = 0;                ///< Struct: the requested fields among `children`
  std::vector<int> leaves;           ///< decoded leaves under this node
  int probe = -1;                    ///< the leaf whose levels say NULL / empty / more
};

/// The plan reading `file` as `type`; marks the leaves it decodes in `needed`. Throws
/// ExecutionError naming `column` when `type` does not match the file's type.
ReadNode planRead(const SchemaNode& file, const TypePtr& type, const std::string& column,
                  std::vector<bool>& needed);

/// Walks decoded leaves with one cursor each.
class RowAssembler {
 public:
  /// `columns[l]` is leaf l's decoded chunk (only needed ones are filled); strings and nested
  /// values are built in `arena`. `where` names the file and row group for errors.
  RowAssembler(const ParquetSchema& schema, std::vector<DecodedColumn>& columns, StringArena& arena,
               std::string where);

  /// Reads the next value of `n` into `out`; false when it is NULL.
  bool read(const ReadNode& n, Slot& out);
  /// Throws ExecutionError unless every needed leaf was consumed exactly.
  void checkConsumed(const std::vector<bool>& needed) const;

 private:
  int peekDef(int leaf) const;
  void skip(const ReadNode& n);
  bool more(int leaf, int rep) const;
  void value(int leaf, Slot& out);
  const void* readStruct(const ReadNode& n);
  const void* readList(const ReadNode& n);
  const void* readMap(const ReadNode& n);
  [[noreturn]] void corrupt(int leaf, const std::string& why) const;

  const ParquetSchema& schema_;
  std::vector<DecodedColumn>& cols_;
  StringArena& arena_;
  std::string where_;
  std::vector<size_t> pos_, vpos_;  // per leaf: next entry, next value
};

}  // namespace sluice::parquet
