#include "runtime/batch_executor.h"

#include <cstring>
#include <deque>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/logical/scan.h"
#include "planner/physical/operators.h"
#include "runtime/table.h"

namespace sluice {
namespace {

// Bytes per element of a column's storage type (see abi.h).
size_t elementSize(const DataType& t) {
  switch (t.id()) {
    case TypeId::Null:
    case TypeId::Boolean:
    case TypeId::Byte:
      return 1;
    case TypeId::Short:
      return 2;
    case TypeId::Int:
    case TypeId::Date:
    case TypeId::Float:
      return 4;
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::Double:
      return 8;
    case TypeId::Decimal:
      return t.precision() <= 18 ? 8 : 16;
    case TypeId::String:
    case TypeId::Binary:
      return sizeof(StringView);
    default:
      throw ExecutionError("input columns of type " + t.toString() + " are not supported yet");
  }
}

template <typename T>
void put(unsigned char* at, T v) {
  std::memcpy(at, &v, sizeof(T));
}

}  // namespace

ColumnBatch ColumnBatch::fromValues(const Scan& scan) {
  ColumnBatch out;
  out.rows_ = static_cast<int64_t>(scan.rows.size());
  const size_t n = scan.rows.size();
  // Strings first, then views into them: reserve so the views stay valid.
  size_t stringCount = 0;
  for (const auto& a : scan.attrs)
    if (a.type->id() == TypeId::String || a.type->id() == TypeId::Binary) stringCount += n;
  out.strings_.reserve(stringCount);
  for (size_t c = 0; c < scan.attrs.size(); ++c) {
    const DataType& t = *scan.attrs[c].type;
    const size_t size = elementSize(t);
    std::vector<uint8_t> nulls(n, 0);
    std::vector<unsigned char> values(n * size, 0);
    bool anyNull = false;
    for (size_t r = 0; r < n; ++r) {
      const Value v = evaluateConstant(scan.rows[r].at(c));
      unsigned char* at = values.data() + r * size;
      if (v.isNull() || t.id() == TypeId::Null) {
        nulls[r] = 1;
        anyNull = true;
        continue;
      }
      switch (t.id()) {
        case TypeId::Boolean:
          put<uint8_t>(at, v.asBool());
          break;
        case TypeId::Byte:
          put<int8_t>(at, static_cast<int8_t>(v.asInt()));
          break;
        case TypeId::Short:
          put<int16_t>(at, static_cast<int16_t>(v.asInt()));
          break;
        case TypeId::Int:
        case TypeId::Date:
          put<int32_t>(at, static_cast<int32_t>(v.asInt()));
          break;
        case TypeId::Float:
          put<float>(at, static_cast<float>(v.asDouble()));
          break;
        case TypeId::Double:
          put<double>(at, v.asDouble());
          break;
        case TypeId::Decimal:
          if (size == 8)
            put<int64_t>(at, static_cast<int64_t>(v.asDecimal()));
          else
            put<__int128>(at, v.asDecimal());
          break;
        case TypeId::String:
        case TypeId::Binary: {
          const std::string& s = out.strings_.emplace_back(v.asString());
          put<StringView>(at, StringView{s.data(), static_cast<int64_t>(s.size())});
          break;
        }
        default:
          put<int64_t>(at, v.asInt());
          break;  // bigint, timestamp
      }
    }
    out.nulls_.push_back(anyNull ? std::move(nulls) : std::vector<uint8_t>());
    out.values_.push_back(std::move(values));
  }
  for (size_t c = 0; c < scan.attrs.size(); ++c)
    out.columns_.push_back(
        ColumnData{out.nulls_[c].empty() ? nullptr : out.nulls_[c].data(), out.values_[c].data()});
  return out;
}

Table runBatch(const PhysicalPlan& plan, const CompiledQuery& query) {
  if (query.pipelines().size() != 1)
    throw ExecutionError(
        "queries with more than one pipeline need the streaming runtime, "
        "which is not built yet");
  const CompiledPipeline& p = query.pipelines().front();
  const auto* scan = dynamic_cast<const PhysScan*>(p.pipeline->ops.front());
  const auto* sink = dynamic_cast<const PhysSink*>(p.pipeline->ops.back());
  if (!scan || !sink) throw ExecutionError("internal: a pipeline without a scan or a sink");
  if (scan->scan.source != SourceKind::Values)
    throw ExecutionError("reading " + scan->nodeName() + " (" + scan->scan.format +
                         ") sources needs the streaming runtime, which is not built yet");
  if (sink->target != "result")
    throw ExecutionError("writing to table " + sink->target +
                         " needs table writers, which the runtime does not have yet");

  const ColumnBatch batch = ColumnBatch::fromValues(scan->scan);
  std::vector<std::string> names;
  std::vector<TypePtr> types;
  for (const auto& a : sink->columns) {
    names.push_back(a.name);
    types.push_back(a.type);
  }
  TableBuilder result(names, types);
  std::vector<int64_t> state(static_cast<size_t>(p.stateSlots) + 1, 0);
  // TableBuilder copies strings in emitRow, so the arena may be reset after each batch.
  StringArena arena;
  KernelArgs args{batch.columns().data(), batch.rows(), &result, state.data(), &arena};
  p.entry(&args);
  arena.reset();
  return result.finish();
}

}  // namespace sluice
