#include "runtime/files/csv_reader.h"

#include "planner/sources/file_source_csv.h"

namespace sluice {
namespace {

// A value for a message: quoted, and cut short when long.
std::string shown(std::string_view v) {
  return "'" + std::string(v.substr(0, 80)) + (v.size() > 80 ? "...'" : "'");
}

}  // namespace

void readCsvText(std::string_view text, const std::string& path, const FileReadPlan& plan,
                 ColumnBatchBuilder& out) {
  const FileSourceOptions& o = plan.options;
  const TextValueParser parser(o);
  const auto& fields = plan.schema->fields();
  const size_t columns = plan.types.size();
  CsvTokenizer tok(text, o);
  CsvRecord rec;
  StagedRow row;
  bool first = true;
  while (tok.next(rec)) {
    if (first && o.header) {
      first = false;
      continue;  // each file starts with its own header line
    }
    first = false;
    row.reset(columns);
    std::string why = rec.error;
    if (why.empty() && rec.fields.size() != plan.dataFields)
      why = "expected " + std::to_string(plan.dataFields) + " values, found " +
            std::to_string(rec.fields.size());
    for (size_t c = 0; c < columns; ++c) {
      const int k = plan.dataIndexOf[c];
      if (k < 0 || static_cast<size_t>(k) >= rec.fields.size()) continue;
      const std::string* d = csvDatum(rec.fields[static_cast<size_t>(k)], o);
      if (!d) continue;
      if (parser.parse(*d, *plan.types[c], row.slots[c], out.arena())) {
        row.nulls[c] = 0;
      } else if (why.empty()) {
        const StructField& f = fields[static_cast<size_t>(plan.fieldOf[c])];
        why = "column '" + f.name + "' (" + f.type->toString() + "): cannot parse " + shown(*d);
      }
    }
    if (!why.empty()) {
      if (!keepMalformed(plan, path + ":" + std::to_string(rec.line), why)) continue;
      if (plan.corruptColumn >= 0) {
        const auto c = static_cast<size_t>(plan.corruptColumn);
        // Copied: the file's text does not outlive this call, the batch's arena does.
        parser.parse(rec.raw, *plan.types[c], row.slots[c], out.arena());
        row.nulls[c] = 0;
      }
    }
    appendStagedRow(row, plan, out);
  }
}

}  // namespace sluice
