#include "api/memory_tables.h"

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/logical/scan.h"
#include "planner/physical/phys_scan.h"
#include "runtime/table.h"

namespace sluice {

Table concatTables(const Table& a, const Table& b) {
  auto out = std::make_shared<Table::Impl>(a.storage());
  const Table::Impl& more = b.storage();
  if (more.columns.size() != out->columns.size())
    throw ExecutionError("internal: appending a batch of " + std::to_string(more.columns.size()) +
                         " columns to a memory table of " + std::to_string(out->columns.size()));
  for (size_t c = 0; c < more.columns.size(); ++c) {
    TableColumn& to = out->columns[c];
    const TableColumn& from = more.columns[c];
    to.nulls.insert(to.nulls.end(), from.nulls.begin(), from.nulls.end());
    to.ints.insert(to.ints.end(), from.ints.begin(), from.ints.end());
    to.doubles.insert(to.doubles.end(), from.doubles.begin(), from.doubles.end());
    to.strings.insert(to.strings.end(), from.strings.begin(), from.strings.end());
    to.values.insert(to.values.end(), from.values.begin(), from.values.end());
  }
  out->rows += more.rows;
  return Table(std::move(out));
}

void MemoryTables::onBatch(const std::string& table, Callback callback) {
  std::lock_guard<std::mutex> lock(mutex_);
  tables_[asciiLower(table)].callbacks.push_back(std::move(callback));
}

std::shared_ptr<const Table> MemoryTables::rows(const std::string& table) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = tables_.find(asciiLower(table));
  return it == tables_.end() ? nullptr : it->second.rows;
}

void MemoryTables::deliver(const std::string& table, const std::string& query, bool complete,
                           int64_t batchId, const Table& batch) {
  const std::string key = asciiLower(table);
  std::vector<Callback> callbacks;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Entry& e = tables_[key];
    if (!query.empty()) {
      auto it = e.delivered.find(query);
      if (it != e.delivered.end() && batchId <= it->second) return;  // a replayed batch
    }
    callbacks = e.callbacks;
  }
  // The host's callbacks run first and without the lock (they may read memory tables); a
  // callback that throws fails the batch before anything is recorded, so a replay delivers
  // it again.
  for (const auto& cb : callbacks) {
    try {
      cb(batchId, batch);
    } catch (const Error&) {
      throw;
    } catch (const std::exception& ex) {
      throw ExecutionError("the onBatch callback of memory table " + table + " failed in batch " +
                           std::to_string(batchId) + ": " + ex.what());
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& e = tables_[key];
  e.rows =
      std::make_shared<const Table>(complete || !e.rows ? batch : concatTables(*e.rows, batch));
  if (!query.empty()) e.delivered[query] = batchId;
}

std::unique_ptr<StreamSink> MemoryTables::sink(const std::string& table, const std::string& query,
                                               bool complete,
                                               const std::vector<Attribute>& columns) {
  return makeCallbackSink(columns, [this, table, query, complete](int64_t id, const Table& rows) {
    deliver(table, query, complete, id, rows);
  });
}

ColumnBatch MemoryTables::read(const PhysScan& scan) const {
  const Scan& s = scan.scan;
  std::shared_ptr<const Table> rows = this->rows(s.name);
  std::vector<TypePtr> types;
  for (const auto& a : s.attrs) types.push_back(a.type);
  ColumnBatchBuilder out(types);
  if (!rows) return out.finish();
  const Table::Impl& t = rows->storage();
  std::vector<const TableColumn*> cols;
  for (const auto& a : s.attrs) {
    const TableColumn* found = nullptr;
    for (const auto& c : t.columns)
      if (equalsIgnoreCase(c.name, a.name)) found = &c;
    if (!found)
      throw ExecutionError("memory table " + s.name + " has no column " + a.name +
                           " (it was written by a query with other columns)");
    if (found->type->isComplex() ||
        (found->type->id() == TypeId::Decimal && found->type->precision() > 18))
      throw ExecutionError("reading back " + found->type->toString() + " column " + a.name +
                           " of memory table " + s.name + " is not supported yet");
    cols.push_back(found);
  }
  for (int64_t r = 0; r < t.rows; ++r) {
    for (size_t c = 0; c < cols.size(); ++c) {
      const TableColumn& col = *cols[c];
      const auto i = static_cast<size_t>(r);
      if (col.nulls[i]) {
        out.setNull(c);
        continue;
      }
      switch (col.type->id()) {
        case TypeId::Boolean:
          out.set(c, static_cast<uint8_t>(col.ints[i] != 0));
          break;
        case TypeId::Byte:
          out.set(c, static_cast<int8_t>(col.ints[i]));
          break;
        case TypeId::Short:
          out.set(c, static_cast<int16_t>(col.ints[i]));
          break;
        case TypeId::Int:
        case TypeId::Date:
          out.set(c, static_cast<int32_t>(col.ints[i]));
          break;
        case TypeId::Long:
        case TypeId::Timestamp:
        case TypeId::Decimal:
          out.set(c, col.ints[i]);
          break;
        case TypeId::Float:
          out.set(c, static_cast<float>(col.doubles[i]));
          break;
        case TypeId::Double:
          out.set(c, col.doubles[i]);
          break;
        case TypeId::String:
        case TypeId::Binary:
          out.setString(c, col.strings[i]);
          break;
        default:
          out.setNull(c);  // void columns
          break;
      }
    }
    out.endRow();
  }
  return out.finish();
}

}  // namespace sluice
