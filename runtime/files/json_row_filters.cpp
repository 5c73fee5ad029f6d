#include "runtime/files/json_row_filters.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "frontend/text.h"

namespace sluice::json_files {
namespace {

int64_t integralOf(const Slot& s, TypeId t) {
  switch (t) {
    case TypeId::Byte:
      return s.as<int8_t>();
    case TypeId::Short:
      return s.as<int16_t>();
    case TypeId::Int:
    case TypeId::Date:
      return s.as<int32_t>();
    case TypeId::Boolean:
      return s.as<uint8_t>();
    default:
      return s.as<int64_t>();
  }
}

}  // namespace

std::vector<RowFilter> rowFiltersOf(const FileReadPlan& plan) {
  std::vector<RowFilter> out;
  const auto& fields = plan.schema->fields();
  for (const auto& f : plan.pushedFilters) {
    static const std::map<std::string, RowFilter::Op> ops = {
        {"=", RowFilter::Op::Eq},
        {"<", RowFilter::Op::Lt},
        {"<=", RowFilter::Op::Le},
        {">", RowFilter::Op::Gt},
        {">=", RowFilter::Op::Ge},
        {"isnull", RowFilter::Op::IsNull},
        {"isnotnull", RowFilter::Op::IsNotNull}};
    const auto op = ops.find(f.op);
    if (op == ops.end()) continue;
    for (size_t c = 0; c < plan.types.size(); ++c) {
      if (plan.isPartition[c] ||
          !equalsIgnoreCase(fields[static_cast<size_t>(plan.fieldOf[c])].name, f.column))
        continue;
      RowFilter r;
      r.column = c;
      r.op = op->second;
      r.type = plan.types[c]->id();
      const bool nullTest = r.op == RowFilter::Op::IsNull || r.op == RowFilter::Op::IsNotNull;
      if (!nullTest) {
        if (f.literal.isNull()) break;
        switch (r.type) {
          case TypeId::Byte:
          case TypeId::Short:
          case TypeId::Int:
          case TypeId::Long:
          case TypeId::Date:
          case TypeId::Timestamp:
            r.integer = f.literal.asInt();
            break;
          case TypeId::Boolean:
            if (r.op != RowFilter::Op::Eq) continue;
            r.integer = f.literal.asBool();
            break;
          case TypeId::String:
          case TypeId::Binary:
            r.bytes = f.literal.asString();
            break;
          default:
            continue;  // not evaluated here
        }
      }
      out.push_back(std::move(r));
      break;
    }
  }
  return out;
}

bool passes(const StagedRow& row, const std::vector<RowFilter>& filters) {
  for (const RowFilter& f : filters) {
    const bool null = row.nulls[f.column];
    if (f.op == RowFilter::Op::IsNull) {
      if (!null) return false;
      continue;
    }
    if (null) return false;
    if (f.op == RowFilter::Op::IsNotNull) continue;
    int cmp;
    if (f.type == TypeId::String || f.type == TypeId::Binary) {
      const std::string_view v = row.slots[f.column].as<StringView>().view();
      const int c = std::memcmp(v.data(), f.bytes.data(), std::min(v.size(), f.bytes.size()));
      cmp = c != 0 ? c : (v.size() < f.bytes.size() ? -1 : v.size() > f.bytes.size() ? 1 : 0);
    } else {
      const int64_t v = integralOf(row.slots[f.column], f.type);
      cmp = v < f.integer ? -1 : v > f.integer ? 1 : 0;
    }
    switch (f.op) {
      case RowFilter::Op::Eq:
        if (cmp != 0) return false;
        break;
      case RowFilter::Op::Lt:
        if (cmp >= 0) return false;
        break;
      case RowFilter::Op::Le:
        if (cmp > 0) return false;
        break;
      case RowFilter::Op::Gt:
        if (cmp <= 0) return false;
        break;
      case RowFilter::Op::Ge:
        if (cmp < 0) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

}  // namespace sluice::json_files
