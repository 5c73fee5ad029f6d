#include "runtime/files/parquet/parquet_schema.h"

#include <cmath>

#include "frontend/error.h"
#include "planner/timestamp_ntz.h"
#include "planner/type_storage.h"

namespace sluice::parquet {
namespace {

using K = LogicalType::Kind;

// ---- sluice -> Parquet ----

// Spark's Decimal.minBytesForPrecision: the fewest bytes whose two's complement holds
// 10^precision - 1.
int32_t minBytesForPrecision(int precision) {
  int32_t n = 1;
  while (std::pow(2.0, 8.0 * n - 1) < std::pow(10.0, precision)) ++n;
  return n;
}

SchemaElement primitive(const std::string& name, Repetition rep, PhysicalType t) {
  SchemaElement e;
  e.name = name;
  e.repetition = rep;
  e.type = t;
  return e;
}

SchemaElement group(const std::string& name, Repetition rep, int children) {
  SchemaElement e;
  e.name = name;
  e.repetition = rep;
  e.numChildren = children;
  return e;
}

SchemaElement leafElement(const std::string& name, Repetition rep, const DataType& t,
                          const std::string& column) {
  using P = PhysicalType;
  switch (t.id()) {
    case TypeId::Boolean:
      return primitive(name, rep, P::Boolean);
    case TypeId::Byte:
    case TypeId::Short: {
      SchemaElement e = primitive(name, rep, P::Int32);
      const bool byte = t.id() == TypeId::Byte;
      e.convertedType = byte ? ConvertedType::Int8 : ConvertedType::Int16;
      e.logical.kind = K::Integer;
      e.logical.bitWidth = byte ? 8 : 16;
      e.logical.isSigned = true;
      return e;
    }
    case TypeId::Int:
      return primitive(name, rep, P::Int32);
    case TypeId::Long:
      return primitive(name, rep, P::Int64);
    case TypeId::Float:
      return primitive(name, rep, P::Float);
    case TypeId::Double:
      return primitive(name, rep, P::Double);
    case TypeId::Decimal: {
      const int p = t.precision();
      SchemaElement e = primitive(name, rep,
                                  p <= 9    ? P::Int32
                                  : p <= 18 ? P::Int64
                                            : P::FixedLenByteArray);
      if (p > 18) e.typeLength = minBytesForPrecision(p);
      e.convertedType = ConvertedType::Decimal;
      e.precision = e.logical.precision = p;
      e.scale = e.logical.scale = t.scale();
      e.logical.kind = K::Decimal;
      return e;
    }
    case TypeId::String: {
      SchemaElement e = primitive(name, rep, P::ByteArray);
      e.convertedType = ConvertedType::Utf8;
      e.logical.kind = K::String;
      return e;
    }
    case TypeId::Binary:
      return primitive(name, rep, P::ByteArray);
    case TypeId::Date: {
      SchemaElement e = primitive(name, rep, P::Int32);
      e.convertedType = ConvertedType::Date;
      e.logical.kind = K::Date;
      return e;
    }
    case TypeId::Timestamp: {
      SchemaElement e = primitive(name, rep, P::Int64);
      // TIMESTAMP_NTZ: isAdjustedToUTC=false and no converted type (TIMESTAMP_MICROS would
      // say UTC), as Spark writes it.
      if (!isNtz(t)) e.convertedType = ConvertedType::TimestampMicros;
      e.logical.kind = K::Timestamp;
      e.logical.unit = LogicalType::Unit::Micros;
      e.logical.adjustedToUtc = !isNtz(t);
      return e;
    }
    default:
      break;
  }
  throw ExecutionError("column '" + column + "': Parquet cannot hold values of type " +
                       t.toString() + " (as in Spark, intervals and untyped NULLs cannot be " +
                       "written to Parquet; cast the column)");
}

void emit(const std::string& name, const DataType& t, Repetition rep, const std::string& column,
          std::vector<SchemaElement>& out) {
  switch (t.id()) {
    case TypeId::Struct:
      out.push_back(group(name, rep, static_cast<int>(t.fields().size())));
      for (const auto& f : t.fields())
        emit(f.name, *f.type, Repetition::Optional, column + "." + f.name, out);
      return;
    case TypeId::Array: {
      SchemaElement list = group(name, rep, 1);
      list.convertedType = ConvertedType::List;
      list.logical.kind = K::List;
      out.push_back(list);
      out.push_back(group("list", Repetition::Repeated, 1));
      emit("element", *t.elementType(), Repetition::Optional, column + ".element", out);
      return;
    }
    case TypeId::Map: {
      SchemaElement map = group(name, rep, 1);
      map.convertedType = ConvertedType::Map;
      map.logical.kind = K::Map;
      out.push_back(map);
      out.push_back(group("key_value", Repetition::Repeated, 2));
      emit("key", *t.keyType(), Repetition::Required, column + ".key", out);
      emit("value", *t.valueType(), Repetition::Optional, column + ".value", out);
      return;
    }
    default:
      out.push_back(leafElement(name, rep, t, column));
  }
}

// ---- Parquet -> sluice ----

bool isList(const SchemaElement& e) {
  return e.logical.kind == K::List || e.convertedType == ConvertedType::List;
}

bool isMap(const SchemaElement& e) {
  return e.logical.kind == K::Map || e.convertedType == ConvertedType::Map ||
         e.convertedType == ConvertedType::MapKeyValue;
}

TypePtr decimalLeaf(const SchemaElement& e, LeafConv small, LeafConv wide, LeafConv* conv) {
  const int p = e.logical.kind == K::Decimal ? e.logical.precision : e.precision;
  const int s = e.logical.kind == K::Decimal ? e.logical.scale : e.scale;
  if (p < 1 || p > 38 || s < 0 || s > p)
    throw ExecutionError("unsupported decimal(" + std::to_string(p) + "," + std::to_string(s) +
                         ")");
  *conv = p <= kMaxLongDecimalDigits ? small : wide;
  return DataType::decimal(p, s);
}

// INT32 / INT64 leaves: Spark's mapping of the integer, date, time and timestamp annotations.
TypePtr integerLeaf(const SchemaElement& e, LeafColumn& leaf) {
  const bool i32 = e.type == PhysicalType::Int32;
  const auto ct = e.convertedType;
  if (e.logical.kind == K::Decimal || ct == ConvertedType::Decimal)
    return decimalLeaf(e, i32 ? LeafConv::I32ToI64 : LeafConv::I64, LeafConv::I64, &leaf.conv);
  int bits = i32 ? 32 : 64;
  bool isSigned = true;
  if (e.logical.kind == K::Integer) {
    bits = e.logical.bitWidth;
    isSigned = e.logical.isSigned;
  } else if (ct >= ConvertedType::Uint8 && ct <= ConvertedType::Int64) {
    static const int kBits[] = {8, 16, 32, 64, 8, 16, 32, 64};
    bits = kBits[static_cast<int>(*ct) - static_cast<int>(ConvertedType::Uint8)];
    isSigned = *ct >= ConvertedType::Int8;
  }
  if (e.logical.kind == K::Date || ct == ConvertedType::Date) {
    leaf.conv = LeafConv::I32;
    return DataType::date();
  }
  if (e.logical.kind == K::Time || ct == ConvertedType::TimeMillis ||
      ct == ConvertedType::TimeMicros)
    throw ExecutionError("TIME values are not supported (Spark has no TIME type)");
  if (!i32 && (e.logical.kind == K::Timestamp || ct == ConvertedType::TimestampMillis ||
               ct == ConvertedType::TimestampMicros)) {
    auto unit = e.logical.kind == K::Timestamp         ? e.logical.unit
                : ct == ConvertedType::TimestampMillis ? LogicalType::Unit::Millis
                                                       : LogicalType::Unit::Micros;
    leaf.conv = unit == LogicalType::Unit::Millis  ? LeafConv::MillisToMicros
                : unit == LogicalType::Unit::Nanos ? LeafConv::NanosToMicros
                                                   : LeafConv::I64;
    // isAdjustedToUTC=false is a local date-time: TIMESTAMP_NTZ (Spark 3.4+'s inference).
    if (e.logical.kind == K::Timestamp && !e.logical.adjustedToUtc) return timestampNtzType();
    return DataType::timestamp();
  }
  leaf.unsignedOrder = !isSigned;
  if (i32) {
    if (isSigned && bits == 8) return leaf.conv = LeafConv::I32ToI8, DataType::byte();
    if (isSigned && bits == 16) return leaf.conv = LeafConv::I32ToI16, DataType::shortType();
    if (!isSigned && bits == 8) return leaf.conv = LeafConv::U8ToI16, DataType::shortType();
    if (!isSigned && bits == 16) return leaf.conv = LeafConv::U16ToI32, DataType::integer();
    if (!isSigned) return leaf.conv = LeafConv::U32ToI64, DataType::bigint();
    return leaf.conv = LeafConv::I32, DataType::integer();
  }
  if (!isSigned) return leaf.conv = LeafConv::U64ToI128, DataType::decimal(20, 0);
  return leaf.conv = LeafConv::I64, DataType::bigint();
}

TypePtr leafType(const SchemaElement& e, LeafColumn& leaf) {
  switch (*e.type) {
    case PhysicalType::Boolean:
      return leaf.conv = LeafConv::Bool, DataType::boolean();
    case PhysicalType::Int32:
    case PhysicalType::Int64:
      return integerLeaf(e, leaf);
    case PhysicalType::Int96:
      return leaf.conv = LeafConv::Int96ToMicros, DataType::timestamp();
    case PhysicalType::Float:
      return leaf.conv = LeafConv::Float, DataType::floatType();
    case PhysicalType::Double:
      return leaf.conv = LeafConv::Double, DataType::doubleType();
    case PhysicalType::ByteArray:
    case PhysicalType::FixedLenByteArray: {
      if (e.type == PhysicalType::FixedLenByteArray &&
          (e.typeLength < 0 || e.typeLength > (1 << 20)))
        throw ExecutionError("invalid FIXED_LEN_BYTE_ARRAY length " + std::to_string(e.typeLength));
      leaf.unsignedOrder = true;
      if (e.logical.kind == K::Decimal || e.convertedType == ConvertedType::Decimal) {
        leaf.unsignedOrder = false;
        return decimalLeaf(e, LeafConv::BytesToI64, LeafConv::BytesToI128, &leaf.conv);
      }
      if (e.logical.kind == K::Uuid && e.typeLength == 16)
        return leaf.conv = LeafConv::UuidToString, DataType::string();
      leaf.conv = LeafConv::Bytes;
      const bool text = e.logical.kind == K::String || e.logical.kind == K::Enum ||
                        e.logical.kind == K::Json || e.convertedType == ConvertedType::Utf8 ||
                        e.convertedType == ConvertedType::Enum ||
                        e.convertedType == ConvertedType::Json;
      return text ? DataType::string() : DataType::binary();
    }
  }
  throw ExecutionError("unknown physical type " + std::to_string(static_cast<int>(*e.type)));
}

class TreeBuilder {
 public:
  TreeBuilder(const std::vector<SchemaElement>& e, ParquetSchema& out) : e_(e), out_(out) {}

  // The element at pos_ (and its descendants) as a node under a parent at (def, rep).
  SchemaNode field(int def, int rep) {
    const SchemaElement& el = next();
    const Repetition r = el.repetition.value_or(Repetition::Optional);
    if (r != Repetition::Repeated)
      return body(el, def + (r == Repetition::Optional), rep, r == Repetition::Optional);
    // An unannotated repeated field is a required array of required elements.
    SchemaNode list = listShell(el.name, def, rep, false);
    list.children.push_back(body(el, def + 1, rep + 1, false));
    return finishList(std::move(list));
  }

  // The children of the root.
  SchemaNode root(const SchemaElement& r) {
    ++pos_;
    SchemaNode n;
    n.kind = SchemaNode::Kind::Struct;
    n.optional = false;
    std::vector<StructField> fields;
    for (int i = 0; i < r.numChildren; ++i) {
      n.children.push_back(field(0, 0));
      fields.push_back({n.children.back().name, n.children.back().type, true});
    }
    n.type = DataType::structOf(std::move(fields));
    n.leafCount = static_cast<int>(out_.leaves.size());
    return n;
  }

  size_t consumed() const { return pos_; }

 private:
  const SchemaElement& next() {
    if (pos_ >= e_.size()) throw ExecutionError("schema ends inside a group");
    return e_[pos_++];
  }

  static SchemaNode listShell(const std::string& name, int def, int rep, bool optional) {
    SchemaNode n;
    n.kind = SchemaNode::Kind::List;
    n.name = name;
    n.optional = optional;
    n.def = def;
    n.rep = rep;
    n.repeatedDef = def + 1;
    n.repeatedRep = rep + 1;
    return n;
  }

  static SchemaNode finishList(SchemaNode n) {
    n.type = DataType::arrayOf(n.children[0].type);
    n.firstLeaf = n.children[0].firstLeaf;
    n.leafCount = n.children[0].leafCount;
    return n;
  }

  // Element `el` (already consumed) with the given levels: a leaf, list, map or struct.
  SchemaNode body(const SchemaElement& el, int def, int rep, bool optional) {
    if (def > 255 || rep > 255) throw ExecutionError("schema nested too deeply");
    path_.push_back(el.name);
    SchemaNode n;
    n.name = el.name;
    n.optional = optional;
    n.def = def;
    n.rep = rep;
    n.firstLeaf = static_cast<int>(out_.leaves.size());
    if (el.type) {
      leaf(el, n);
    } else if (isList(el)) {
      n = list(el, def, rep, optional);
    } else if (isMap(el)) {
      n = map(el, def, rep, optional);
    } else {
      n.kind = SchemaNode::Kind::Struct;
      std::vector<StructField> fields;
      for (int i = 0; i < el.numChildren; ++i) {
        n.children.push_back(field(def, rep));
        fields.push_back({n.children.back().name, n.children.back().type, true});
      }
      if (fields.empty()) throw ExecutionError("group '" + el.name + "' has no fields");
      n.type = DataType::structOf(std::move(fields));
    }
    n.leafCount = static_cast<int>(out_.leaves.size()) - n.firstLeaf;
    path_.pop_back();
    return n;
  }

  void leaf(const SchemaElement& el, SchemaNode& n) {
    LeafColumn c;
    c.path = path_;
    c.physical = *el.type;
    c.typeLength = el.typeLength;
    c.maxDef = n.def;
    c.maxRep = n.rep;
    try {
      c.type = leafType(el, c);
    } catch (ExecutionError& e) {
      throw ExecutionError("column " + c.dottedPath() + ": " + e.message());
    }
    n.kind = SchemaNode::Kind::Primitive;
    n.type = c.type;
    n.leaf = static_cast<int>(out_.leaves.size());
    out_.leaves.push_back(std::move(c));
  }

  // LIST: one repeated child; 3-level unless the backward-compatibility rules of the format
  // say the repeated child is itself the element (a primitive, a multi-field group, or a
  // group named `array` / `<list>_tuple`).
  SchemaNode list(const SchemaElement& el, int def, int rep, bool optional) {
    if (el.numChildren != 1 || pos_ >= e_.size() || e_[pos_].repetition != Repetition::Repeated)
      throw ExecutionError("LIST '" + el.name + "' must have one repeated child");
    SchemaNode n = listShell(el.name, def, rep, optional);
    n.firstLeaf = static_cast<int>(out_.leaves.size());
    const SchemaElement& r = next();
    if (r.type || r.numChildren != 1 || r.name == "array" || r.name == el.name + "_tuple") {
      n.children.push_back(body(r, def + 1, rep + 1, false));
    } else {
      path_.push_back(r.name);
      n.children.push_back(field(def + 1, rep + 1));
      path_.pop_back();
    }
    return finishList(std::move(n));
  }

  SchemaNode map(const SchemaElement& el, int def, int rep, bool optional) {
    if (el.numChildren != 1 || pos_ >= e_.size() || e_[pos_].repetition != Repetition::Repeated ||
        e_[pos_].type || e_[pos_].numChildren != 2)
      throw ExecutionError("MAP '" + el.name + "' must have one repeated group of key and value");
    SchemaNode n = listShell(el.name, def, rep, optional);
    n.kind = SchemaNode::Kind::Map;
    n.firstLeaf = static_cast<int>(out_.leaves.size());
    path_.push_back(next().name);
    n.children.push_back(field(def + 1, rep + 1));
    n.children.push_back(field(def + 1, rep + 1));
    path_.pop_back();
    if (!n.children[0].type->isOrderable() && n.children[0].type->id() == TypeId::Map)
      throw ExecutionError("MAP '" + el.name + "' has map keys");
    n.type = DataType::mapOf(n.children[0].type, n.children[1].type);
    n.leafCount = static_cast<int>(out_.leaves.size()) - n.firstLeaf;
    return n;
  }

  const std::vector<SchemaElement>& e_;
  ParquetSchema& out_;
  size_t pos_ = 0;
  std::vector<std::string> path_;
};

}  // namespace

std::string LeafColumn::dottedPath() const {
  std::string s;
  for (const auto& p : path) s += (s.empty() ? "" : ".") + p;
  return s;
}

std::vector<SchemaElement> toParquetSchema(const std::vector<std::string>& names,
                                           const std::vector<TypePtr>& types) {
  std::vector<SchemaElement> out;
  SchemaElement root;
  root.name = "spark_schema";  // the root's name parquet-mr / Spark write
  root.numChildren = static_cast<int>(names.size());
  out.push_back(root);
  for (size_t i = 0; i < names.size(); ++i)
    emit(names[i], *types[i], Repetition::Optional, names[i], out);
  return out;
}

ParquetSchema buildSchema(const std::vector<SchemaElement>& elements, const std::string& where) {
  ParquetSchema s;
  try {
    if (elements.empty() || elements[0].type) throw ExecutionError("the schema has no root group");
    TreeBuilder b(elements, s);
    s.root = b.root(elements[0]);
    if (b.consumed() != elements.size())
      throw ExecutionError("the schema has elements outside its root group");
  } catch (ExecutionError& e) {
    throw ExecutionError(where + ": invalid Parquet schema: " + e.message());
  }
  return s;
}

TypePtr rowType(const ParquetSchema& schema) {
  return schema.root.type;
}

}  // namespace sluice::parquet
