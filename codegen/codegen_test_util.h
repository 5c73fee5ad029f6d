#pragma once
// Test helpers for codegen (included by *_test.cpp only): plan a SELECT through the real
// front end, compile it, feed the kernel a batch and collect the emitted rows as text.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "codegen/abi.h"
#include "codegen/query_compiler.h"
#include "frontend/parser.h"
#include "planner/catalog/catalog.h"
#include "planner/functions/evaluate.h"
#include "planner/logical/scan.h"
#include "planner/physical/operators.h"
#include "planner/session/statement_planner.h"

namespace sluice::cgtest {

/// The physical plan of one SELECT (optionally with some optimizer rules excluded), after the
/// SET statements that may come before it.
inline PhysicalPlan plan(const std::string& sql, const std::string& excludedRules = "") {
  Catalog catalog;
  if (!excludedRules.empty()) catalog.set("sluice.optimizer.excludedRules", excludedRules);
  StatementPlanner planner(catalog);
  auto file = std::make_shared<SourceFile>();
  file->name = "test.sql";
  file->text = sql;
  ast::Script script = parseScript(file);
  PlannedStatement p = planner.plan(*script.statements.at(0), file);
  for (size_t i = 1; i < script.statements.size(); ++i)
    p = planner.plan(*script.statements[i], file);
  if (!p.query || !p.query->physical) throw std::runtime_error("no physical plan for " + sql);
  return *p.query->physical;
}

/// Collects emitted rows as display text ("NULL" for NULL).
class TextSink : public RowSink {
 public:
  explicit TextSink(std::vector<Attribute> columns) : columns_(std::move(columns)) {}
  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    std::string row;
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (i) row += "|";
      row += nulls[i] ? "NULL" : text(*columns_[i].type, slots[i]);
    }
    rows.push_back(row);
  }
  std::vector<std::string> rows;  ///< `v1|v2|...` per emitted row

 private:
  static std::string text(const DataType& t, const RowSlot& s) {
    switch (t.id()) {
      case TypeId::Boolean:
        return s.as<uint8_t>() ? "true" : "false";
      case TypeId::Byte:
        return std::to_string(s.as<int8_t>());
      case TypeId::Short:
        return std::to_string(s.as<int16_t>());
      case TypeId::Int:
        return std::to_string(s.as<int32_t>());
      case TypeId::Long:
        return std::to_string(s.as<int64_t>());
      case TypeId::Double:
        return formatDouble(s.as<double>(), false);
      case TypeId::String:
        return std::string(s.as<StringView>().view());
      default:
        return "?";
    }
  }
  std::vector<Attribute> columns_;
};

/// A batch built by hand: add columns, then args().
class Batch {
 public:
  /// Adds a column of storage type T; `nullRows` lists NULL rows (none: no nulls array).
  template <typename T>
  void add(std::vector<T> values, std::vector<int> nullRows = {}) {
    rows_ = static_cast<int64_t>(values.size());
    auto bytes = std::make_unique<std::vector<unsigned char>>(values.size() * sizeof(T));
    if (!values.empty()) std::memcpy(bytes->data(), values.data(), bytes->size());
    const uint8_t* nulls = nullptr;
    if (!nullRows.empty()) {
      auto n = std::make_unique<std::vector<uint8_t>>(values.size(), 0);
      for (int r : nullRows) (*n)[static_cast<size_t>(r)] = 1;
      nulls = n->data();
      nulls_.push_back(std::move(n));
    }
    columns_.push_back(ColumnData{nulls, bytes->data()});
    values_.push_back(std::move(bytes));
  }
  /// Kernel arguments over this batch.
  KernelArgs args(RowSink* sink, int64_t* state) {
    return KernelArgs{columns_.data(), rows_, sink, state, &arena_};
  }

 private:
  StringArena arena_;  // strings the kernel creates; read by the sink during the call
  std::vector<ColumnData> columns_;
  std::vector<std::unique_ptr<std::vector<unsigned char>>> values_;
  std::vector<std::unique_ptr<std::vector<uint8_t>>> nulls_;
  int64_t rows_ = 0;
};

/// Runs `sql` (a SELECT over VALUES of int / bigint / double / boolean / string columns) with
/// the VALUES rows as its batch; returns the emitted rows.
inline std::vector<std::string> run(const std::string& sql, int optLevel = 2,
                                    const std::string& excludedRules = "") {
  const PhysicalPlan p = plan(sql, excludedRules);
  const CompiledQuery q = compileQuery(p, optLevel);
  const Pipeline& pipe = *q.pipelines().at(0).pipeline;
  const Scan& scan = static_cast<const PhysScan*>(pipe.ops.front())->scan;
  std::vector<std::string> strings;  // owns string bytes
  strings.reserve(scan.rows.size() * scan.attrs.size());
  Batch batch;
  for (size_t c = 0; c < scan.attrs.size(); ++c) {
    std::vector<int> nulls;
    std::vector<Value> vals;
    for (size_t r = 0; r < scan.rows.size(); ++r) {
      vals.push_back(evaluateConstant(scan.rows[r][c]));
      if (vals.back().isNull()) nulls.push_back(static_cast<int>(r));
    }
    auto get = [&](auto zero, auto fn) {
      std::vector<decltype(zero)> out;
      for (const auto& v : vals) out.push_back(v.isNull() ? zero : fn(v));
      return out;
    };
    switch (scan.attrs[c].type->id()) {
      case TypeId::Boolean:
        batch.add(get(uint8_t{0}, [](const Value& v) { return uint8_t(v.asBool()); }), nulls);
        break;
      case TypeId::Int:
        batch.add(get(int32_t{0}, [](const Value& v) { return int32_t(v.asInt()); }), nulls);
        break;
      case TypeId::Long:
        batch.add(get(int64_t{0}, [](const Value& v) { return v.asInt(); }), nulls);
        break;
      case TypeId::Double:
        batch.add(get(0.0, [](const Value& v) { return v.asDouble(); }), nulls);
        break;
      case TypeId::String:
        batch.add(get(StringView{nullptr, 0},
                      [&](const Value& v) {
                        const std::string& s = strings.emplace_back(v.asString());
                        return StringView{s.data(), static_cast<int64_t>(s.size())};
                      }),
                  nulls);
        break;
      default:
        ADD_FAILURE() << "test batch: unsupported column type " << scan.attrs[c].type->toString();
        return {};
    }
  }
  if (scan.attrs.empty()) {
    // Zero columns still have rows (SELECT without FROM has one).
    batch.add(std::vector<uint8_t>(scan.rows.size(), 0));
  }
  TextSink sink(static_cast<const PhysSink*>(pipe.ops.back())->columns);
  std::vector<int64_t> state(static_cast<size_t>(q.pipelines()[0].stateSlots) + 1, 0);
  KernelArgs args = batch.args(&sink, state.data());
  q.pipelines()[0].entry(&args);
  return sink.rows;
}

}  // namespace sluice::cgtest
