#include "runtime/table.h"

#include <algorithm>
#include <stdexcept>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/registry.h"
#include "planner/type_storage.h"
#include "planner/value.h"
#include "runtime/exec/slot_values.h"

namespace sluice {
namespace {

// Which of TableColumn's vectors holds a type's values, derived from its slot storage
// (planner/type_storage.h): integers up to 64 bits in `ints`, floats in `doubles`, strings
// and binaries in `strings`, wide decimals and nested values as planner Values.
enum class ColumnVector { None, Int, Double, String, Values };

ColumnVector vectorOf(const DataType& t) {
  if (t.id() == TypeId::Null) return ColumnVector::None;
  if (t.id() == TypeId::Interval)
    throw ExecutionError("result columns of type " + t.toString() + " are not supported yet");
  switch (storageOf(t)) {
    case Storage::I128:
    case Storage::Pointer:
      return ColumnVector::Values;
    case Storage::F32:
    case Storage::F64:
      return ColumnVector::Double;
    case Storage::View:
      return ColumnVector::String;
    default:
      return ColumnVector::Int;
  }
}

// The integer in slot `s` of integer storage `st` (Bool .. I64), widened.
int64_t slotInt(const RowSlot& s, Storage st) {
  switch (st) {
    case Storage::Bool:
      return s.as<uint8_t>() != 0;
    case Storage::I8:
      return s.as<int8_t>();
    case Storage::I16:
      return s.as<int16_t>();
    case Storage::I32:
      return s.as<int32_t>();
    default:
      return s.as<int64_t>();
  }
}

// The value at `row` as a planner Value (for Spark's display formatting).
Value valueAt(const TableColumn& c, int64_t row) {
  const size_t r = static_cast<size_t>(row);
  if (c.nulls[r]) return Value::null();
  if (vectorOf(*c.type) == ColumnVector::Values) return c.values[r];
  switch (c.type->id()) {
    case TypeId::Boolean:
      return Value::boolean(c.ints[r] != 0);
    case TypeId::Decimal:
      return Value::decimal(c.ints[r]);
    case TypeId::Float:
    case TypeId::Double:
      return Value::real(c.doubles[r]);
    case TypeId::String:
    case TypeId::Binary:
      return Value::bytes(c.strings[r]);
    default:
      return Value::integer(c.ints[r]);
  }
}

// Display width: UTF-8 code points (Spark counts characters, not bytes).
size_t width(const std::string& s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

// The first `n` code points of `s`.
std::string prefix(const std::string& s, size_t n) {
  size_t i = 0;
  for (size_t seen = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && seen++ == n) break;
  }
  return s.substr(0, i);
}

std::string pad(const std::string& s, size_t w, bool right) {
  const std::string fill(w > width(s) ? w - width(s) : 0, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace

Table::Table() : impl_(std::make_shared<Impl>()) {}
Table::Table(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Table::~Table() = default;
Table::Table(const Table&) = default;
Table& Table::operator=(const Table&) = default;
Table::Table(Table&&) noexcept = default;
Table& Table::operator=(Table&&) noexcept = default;

int64_t Table::rows() const {
  return impl_->rows;
}
int Table::columns() const {
  return static_cast<int>(impl_->columns.size());
}
const std::string& Table::columnName(int c) const {
  return impl_->columns.at(static_cast<size_t>(c)).name;
}
std::string Table::columnType(int c) const {
  return impl_->columns.at(static_cast<size_t>(c)).type->toString();
}

int Table::column(const std::string& name) const {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  };
  for (size_t i = 0; i < impl_->columns.size(); ++i)
    if (lower(impl_->columns[i].name) == lower(name)) return static_cast<int>(i);
  return -1;
}

bool Table::isNull(int64_t row, int col) const {
  if (row < 0 || row >= impl_->rows) throw std::out_of_range("row out of range");
  return impl_->columns.at(static_cast<size_t>(col)).nulls[static_cast<size_t>(row)] != 0;
}

int64_t Table::getInt(int64_t row, int col) const {
  isNull(row, col);  // range checks
  const TableColumn& c = impl_->columns[static_cast<size_t>(col)];
  if (vectorOf(*c.type) != ColumnVector::Int)
    throw std::logic_error("column " + c.name + " of type " + c.type->toString() +
                           " has no integer values");
  return c.ints[static_cast<size_t>(row)];
}

double Table::getDouble(int64_t row, int col) const {
  isNull(row, col);
  const TableColumn& c = impl_->columns[static_cast<size_t>(col)];
  const ColumnVector s = vectorOf(*c.type);
  if (s == ColumnVector::Double) return c.doubles[static_cast<size_t>(row)];
  if (s == ColumnVector::Int && c.type->isIntegral())
    return static_cast<double>(c.ints[static_cast<size_t>(row)]);
  throw std::logic_error("column " + c.name + " of type " + c.type->toString() +
                         " has no floating-point values");
}

std::string Table::getString(int64_t row, int col) const {
  isNull(row, col);
  const TableColumn& c = impl_->columns[static_cast<size_t>(col)];
  if (vectorOf(*c.type) == ColumnVector::String && !c.nulls[static_cast<size_t>(row)])
    return c.strings[static_cast<size_t>(row)];
  return valueAt(c, row).toString(*c.type, impl_->timeZone);
}

namespace {

std::string csvField(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char ch : v) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

std::string Table::toCsv() const {
  std::string out;
  for (int c = 0; c < columns(); ++c) out += (c ? "," : "") + csvField(columnName(c));
  out += "\n";
  for (int64_t r = 0; r < rows(); ++r) {
    for (int c = 0; c < columns(); ++c) {
      if (c) out += ",";
      if (!isNull(r, c)) out += csvField(getString(r, c));
    }
    out += "\n";
  }
  return out;
}

std::string Table::toJsonLines() const {
  // Each row is Spark's to_json of the row as a struct: nested values as JSON arrays and
  // objects, NULL columns left out, timestamps in the JSON writer's form in the session zone.
  std::vector<StructField> fields;
  for (const auto& c : impl_->columns) fields.push_back({c.name, c.type, true});
  const TypePtr rowType = DataType::structOf(std::move(fields));
  const FunctionDef* toJson = FunctionRegistry::builtins().find("to_json");
  std::string out;
  for (int64_t r = 0; r < rows(); ++r) {
    Value::List row;
    for (const auto& c : impl_->columns) row.push_back(valueAt(c, r));
    auto call = std::make_shared<Expr>(*makeCall(
        toJson, {makeLiteral(Value::list(std::move(row)), rowType)}, DataType::string(), false));
    call->timeZone = impl_->timeZone;
    out += evaluateConstant(call).asString();
    out += "\n";
  }
  return out;
}

std::string Table::show(int64_t numRows, int truncate) const {
  const auto& cols = impl_->columns;
  const int64_t shown = std::min(std::max<int64_t>(numRows, 0), impl_->rows);
  // Cells as text: the header row first, as Spark's showString does.
  std::vector<std::vector<std::string>> cells(static_cast<size_t>(shown) + 1);
  for (const auto& c : cols) cells[0].push_back(c.name);
  for (int64_t r = 0; r < shown; ++r) {
    for (const auto& c : cols) {
      std::string s = valueAt(c, r).toString(*c.type, impl_->timeZone);
      if (truncate > 0 && width(s) > static_cast<size_t>(truncate))
        s = truncate < 4 ? prefix(s, truncate) : prefix(s, truncate - 3) + "...";
      cells[static_cast<size_t>(r) + 1].push_back(std::move(s));
    }
  }
  std::vector<size_t> widths(cols.size(), 3);  // Spark's minimum column width
  for (const auto& row : cells)
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));

  std::string sep = "+";
  for (size_t w : widths) sep += std::string(w, '-') + "+";
  sep += "\n";
  auto line = [&](const std::vector<std::string>& row) {
    std::string s = "|";
    for (size_t i = 0; i < row.size(); ++i) s += pad(row[i], widths[i], truncate > 0) + "|";
    return s + "\n";
  };
  std::string out = sep + line(cells[0]) + sep;
  for (size_t r = 1; r < cells.size(); ++r) out += line(cells[r]);
  out += sep;
  if (shown < impl_->rows)
    out += "only showing top " + std::to_string(shown) + (shown == 1 ? " row\n" : " rows\n");
  return out;
}

TableBuilder::TableBuilder(const std::vector<std::string>& names,
                           const std::vector<TypePtr>& types) {
  for (size_t i = 0; i < names.size(); ++i) {
    vectorOf(*types.at(i));  // rejects what a Table cannot hold
    TableColumn c;
    c.name = names[i];
    c.type = types[i];
    impl_.columns.push_back(std::move(c));
  }
}

void TableBuilder::emitRow(const RowSlot* slots, const uint8_t* nulls) {
  for (size_t i = 0; i < impl_.columns.size(); ++i) {
    TableColumn& c = impl_.columns[i];
    const bool isNull = nulls[i] != 0;
    c.nulls.push_back(isNull ? 1 : 0);
    const RowSlot& s = slots[i];
    const Storage st = storageOf(*c.type);
    switch (vectorOf(*c.type)) {
      case ColumnVector::None:
        break;
      case ColumnVector::Int:
        c.ints.push_back(isNull ? 0 : slotInt(s, st));
        break;
      case ColumnVector::Double:
        c.doubles.push_back(isNull ? 0 : st == Storage::F32 ? s.as<float>() : s.as<double>());
        break;
      case ColumnVector::String:
        c.strings.push_back(isNull ? std::string() : std::string(s.as<StringView>().view()));
        break;
      case ColumnVector::Values:
        c.values.push_back(isNull ? Value::null() : storageToValue(s.bytes, *c.type));
        break;
    }
  }
  ++impl_.rows;
}

Table TableBuilder::finish() {
  auto done = std::make_shared<Table::Impl>(std::move(impl_));
  impl_ = Table::Impl();
  impl_.timeZone = done->timeZone;
  for (const auto& c : done->columns) {
    TableColumn empty;
    empty.name = c.name;
    empty.type = c.type;
    impl_.columns.push_back(std::move(empty));
  }
  return Table(std::move(done));
}

}  // namespace sluice
