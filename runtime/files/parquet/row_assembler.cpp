#include "runtime/files/parquet/row_assembler.h"

#include <cstring>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/timestamp_ntz.h"

namespace sluice::parquet {
namespace {

int childIndex(const SchemaNode& n, const std::string& name) {
  for (size_t i = 0; i < n.children.size(); ++i)
    if (n.children[i].name == name) return static_cast<int>(i);
  for (size_t i = 0; i < n.children.size(); ++i)
    if (equalsIgnoreCase(n.children[i].name, name)) return static_cast<int>(i);
  return -1;
}

[[noreturn]] void mismatch(const std::string& column, const SchemaNode& f, const TypePtr& t) {
  throw ExecutionError("column '" + column + "' is " + f.type->toString() +
                       " in the file, but read as " + t->toString());
}

template <typename T>
T* allocArray(StringArena& a, size_t n) {
  return static_cast<T*>(
      a.allocateAligned(sizeof(T) * (n ? n : 1), alignof(T) > 16 ? 16 : alignof(T)));
}

}  // namespace

ReadNode planRead(const SchemaNode& f, const TypePtr& type, const std::string& column,
                  std::vector<bool>& needed) {
  ReadNode r;
  r.file = &f;
  r.type = type;
  switch (f.kind) {
    case SchemaNode::Kind::Primitive:
      // A TIMESTAMP_NTZ column may be read as TIMESTAMP (its micros as UTC), as Spark allows;
      // not the other way.
      if (!sameType(f.type, type) &&
          !(isNtz(f.type) && type->id() == TypeId::Timestamp && !isNtz(type)))
        mismatch(column, f, type);
      r.leaves = {f.leaf};
      break;
    case SchemaNode::Kind::Struct: {
      if (type->id() != TypeId::Struct) mismatch(column, f, type);
      for (const auto& field : type->fields()) {
        const int i = childIndex(f, field.name);
        if (i < 0) {
          ReadNode missing;
          missing.type = field.type;
          r.children.push_back(std::move(missing));
        } else {
          r.children.push_back(
              planRead(f.children[i], field.type, column + "." + field.name, needed));
        }
      }
      r.visible = r.children.size();
      for (const auto& c : r.children)
        r.leaves.insert(r.leaves.end(), c.leaves.begin(), c.leaves.end());
      // Nothing requested is in the file: the first field is still read (and dropped) so that
      // the levels say which rows hold the struct.
      if (r.leaves.empty()) {
        r.children.push_back(planRead(f.children[0], f.children[0].type, column, needed));
        r.leaves = r.children.back().leaves;
      }
      break;
    }
    case SchemaNode::Kind::List:
      if (type->id() != TypeId::Array) mismatch(column, f, type);
      r.children.push_back(
          planRead(f.children[0], type->elementType(), column + ".element", needed));
      r.leaves = r.children[0].leaves;
      break;
    case SchemaNode::Kind::Map:
      if (type->id() != TypeId::Map) mismatch(column, f, type);
      r.children.push_back(planRead(f.children[0], type->keyType(), column + ".key", needed));
      r.children.push_back(planRead(f.children[1], type->valueType(), column + ".value", needed));
      for (const auto& c : r.children)
        r.leaves.insert(r.leaves.end(), c.leaves.begin(), c.leaves.end());
      break;
  }
  for (int l : r.leaves) needed[l] = true;
  r.probe = r.leaves.empty() ? -1 : r.leaves[0];
  return r;
}

RowAssembler::RowAssembler(const ParquetSchema& schema, std::vector<DecodedColumn>& columns,
                           StringArena& arena, std::string where)
    : schema_(schema),
      cols_(columns),
      arena_(arena),
      where_(std::move(where)),
      pos_(columns.size(), 0),
      vpos_(columns.size(), 0) {}

void RowAssembler::corrupt(int leaf, const std::string& why) const {
  throw ExecutionError("corrupt Parquet data in " + where_ + ", column " +
                       schema_.leaves[leaf].dottedPath() + ": " + why);
}

int RowAssembler::peekDef(int leaf) const {
  if (pos_[leaf] >= cols_[leaf].def.size()) corrupt(leaf, "fewer values than the row group's rows");
  return cols_[leaf].def[pos_[leaf]];
}

bool RowAssembler::more(int leaf, int rep) const {
  return pos_[leaf] < cols_[leaf].rep.size() && cols_[leaf].rep[pos_[leaf]] == rep;
}

// A NULL (or an empty collection) is exactly one entry in every leaf below it.
void RowAssembler::skip(const ReadNode& n) {
  for (int l : n.leaves) {
    if (pos_[l] >= cols_[l].def.size()) corrupt(l, "fewer values than the row group's rows");
    if (cols_[l].def[pos_[l]] == schema_.leaves[l].maxDef)
      corrupt(l, "levels disagree between columns");
    ++pos_[l];
  }
}

void RowAssembler::value(int leaf, Slot& out) {
  DecodedColumn& c = cols_[leaf];
  if (vpos_[leaf] >= c.count) corrupt(leaf, "more non-NULL levels than values");
  std::memcpy(out.bytes, c.values.data() + vpos_[leaf] * c.width, c.width);
  const TypeId id = schema_.leaves[leaf].type->id();
  if (id == TypeId::String || id == TypeId::Binary) {
    // The decoded chunk is released after its row group; the batch keeps its own copy.
    auto s = out.as<StringView>();
    char* b = arena_.allocate(static_cast<size_t>(s.len));
    if (s.len) std::memcpy(b, s.ptr, static_cast<size_t>(s.len));
    out.set(StringView{b, s.len});
  }
  ++vpos_[leaf];
  ++pos_[leaf];
}

bool RowAssembler::read(const ReadNode& n, Slot& out) {
  if (!n.file) return false;
  const SchemaNode& f = *n.file;
  const int d = peekDef(n.probe);
  if (d < f.def) {
    skip(n);
    return false;
  }
  switch (f.kind) {
    case SchemaNode::Kind::Primitive:
      value(f.leaf, out);
      return true;
    case SchemaNode::Kind::Struct:
      out.set(readStruct(n));
      return true;
    case SchemaNode::Kind::List:
      out.set(readList(n));
      return true;
    case SchemaNode::Kind::Map:
      out.set(readMap(n));
      return true;
  }
  return false;
}

const void* RowAssembler::readStruct(const ReadNode& n) {
  auto* s = allocArray<StructData>(arena_, 1);
  auto* fields = allocArray<Slot>(arena_, n.visible);
  auto* nulls = allocArray<uint8_t>(arena_, n.visible);
  for (size_t i = 0; i < n.children.size(); ++i) {
    Slot tmp{};
    const bool present = read(n.children[i], tmp);
    if (i < n.visible) {
      fields[i] = tmp;
      nulls[i] = present ? 0 : 1;
    }
  }
  s->fields = fields;
  s->nulls = nulls;
  return s;
}

const void* RowAssembler::readList(const ReadNode& n) {
  const SchemaNode& f = *n.file;
  auto* a = allocArray<ArrayData>(arena_, 1);
  std::vector<Slot> values;
  std::vector<uint8_t> nulls;
  if (peekDef(n.probe) < f.repeatedDef) {
    skip(n);  // present but empty
  } else {
    do {
      Slot v{};
      nulls.push_back(read(n.children[0], v) ? 0 : 1);
      values.push_back(v);
    } while (more(n.probe, f.repeatedRep));
  }
  a->length = static_cast<int64_t>(values.size());
  Slot* vs = values.empty() ? nullptr : allocArray<Slot>(arena_, values.size());
  uint8_t* ns = values.empty() ? nullptr : allocArray<uint8_t>(arena_, values.size());
  if (!values.empty()) {
    std::memcpy(vs, values.data(), values.size() * sizeof(Slot));
    std::memcpy(ns, nulls.data(), nulls.size());
  }
  a->values = vs;
  a->nulls = ns;
  return a;
}

const void* RowAssembler::readMap(const ReadNode& n) {
  const SchemaNode& f = *n.file;
  auto* m = allocArray<MapData>(arena_, 1);
  std::vector<Slot> keys, values;
  std::vector<uint8_t> nulls;
  if (peekDef(n.probe) < f.repeatedDef) {
    skip(n);
  } else {
    do {
      Slot k{}, v{};
      if (!read(n.children[0], k)) corrupt(n.probe, "a map key is NULL");
      nulls.push_back(read(n.children[1], v) ? 0 : 1);
      keys.push_back(k);
      values.push_back(v);
    } while (more(n.probe, f.repeatedRep));
  }
  const size_t len = keys.size();
  m->length = static_cast<int64_t>(len);
  Slot* ks = len ? allocArray<Slot>(arena_, len) : nullptr;
  Slot* vs = len ? allocArray<Slot>(arena_, len) : nullptr;
  uint8_t* ns = len ? allocArray<uint8_t>(arena_, len) : nullptr;
  if (len) {
    std::memcpy(ks, keys.data(), len * sizeof(Slot));
    std::memcpy(vs, values.data(), len * sizeof(Slot));
    std::memcpy(ns, nulls.data(), len);
  }
  m->keys = ks;
  m->values = vs;
  m->nulls = ns;
  return m;
}

void RowAssembler::checkConsumed(const std::vector<bool>& needed) const {
  for (size_t l = 0; l < needed.size(); ++l)
    if (needed[l] && (pos_[l] != cols_[l].def.size() || vpos_[l] != cols_[l].count))
      corrupt(static_cast<int>(l), "more values than the row group's rows");
}

}  // namespace sluice::parquet
