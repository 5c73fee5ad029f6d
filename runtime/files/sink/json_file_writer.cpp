// JSON lines, as Spark's JSON data source writes them: one object per row (to_json of the row
// struct: NULL fields omitted unless ignoreNullFields is false, timestamps in timestampFormat).
#include "frontend/error.h"
#include "planner/nested_type.h"
#include "planner/sinks/file_sink_spec.h"
#include "runtime/files/sink/file_format_writer.h"
#include "runtime/files/sink/file_output.h"
#include "stdlib/nested.h"

namespace sluice {
namespace {

stdlib::DateTimePattern pattern(const std::string& text, const std::string& option) {
  std::string error;
  auto p = stdlib::DateTimePattern::compile(text, &error);
  if (!p) throw ExecutionError("json option " + option + " '" + text + "': " + error);
  return std::move(*p);
}

class JsonWriter : public FileFormatWriter {
 public:
  JsonWriter(const FileSinkSpec& spec, const std::string& path,
             const std::vector<std::string>& names, const std::vector<TypePtr>& types)
      : out_(path, spec.compression == "gzip"), lineSep_(spec.lineSep) {
    std::vector<StructField> fields;
    for (size_t i = 0; i < names.size(); ++i) fields.push_back({names[i], types[i], true});
    auto row = nestedTypeOf(*DataType::structOf(std::move(fields)));
    if (!row) throw ExecutionError("json files cannot hold interval values (" + path + ")");
    spec_.type = std::move(*row);
    spec_.ignoreNullFields = spec.ignoreNullFields;
    if (spec.timestampFormat)
      spec_.timestampFormat = pattern(*spec.timestampFormat, "timestampFormat");
    if (spec.dateFormat) spec_.dateFormat = pattern(*spec.dateFormat, "dateFormat");
  }

  void appendRow(const RowSlot* slots, const uint8_t* nulls) override {
    // The row is a struct whose fields are the slots (RowSlot and Slot share their layout).
    const StructData row{nulls, reinterpret_cast<const Slot*>(slots)};
    line_.clear();
    stdlib::writeJson(spec_, &row, line_);
    line_ += lineSep_;
    out_.write(line_);
    ++rows_;
  }

  void finish() override { out_.finish(); }

 private:
  FileOutput out_;
  std::string lineSep_;
  stdlib::JsonWriteSpec spec_;
  std::string line_;
};

}  // namespace

std::unique_ptr<FileFormatWriter> openJsonWriter(const FileSinkSpec& spec, const std::string& path,
                                                 const std::vector<std::string>& names,
                                                 const std::vector<TypePtr>& types) {
  return std::make_unique<JsonWriter>(spec, path, names, types);
}

}  // namespace sluice
