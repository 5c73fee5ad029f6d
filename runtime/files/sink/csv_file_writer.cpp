// CSV as Spark's CSV data source writes it (Univocity writer settings Spark uses): values
// quoted when they contain the separator, the quote character or a line break (or always,
// with quoteAll), quotes inside escaped with `escape`, leading / trailing white space trimmed
// by default, NULL as nullValue and "" as emptyValue, timestamps in timestampFormat (default
// yyyy-MM-dd'T'HH:mm:ss.SSSXXX), an optional header line in every file.
#include <charconv>

#include "frontend/error.h"
#include "planner/sinks/file_sink_spec.h"
#include "planner/timestamp_ntz.h"
#include "planner/type_storage.h"
#include "runtime/files/sink/file_format_writer.h"
#include "runtime/files/sink/file_output.h"
#include "stdlib/datetime.h"
#include "stdlib/decimal.h"
#include "stdlib/json_schema.h"

namespace sluice {
namespace {

stdlib::DateTimePattern pattern(const std::string& text, const std::string& option) {
  std::string error;
  auto p = stdlib::DateTimePattern::compile(text, &error);
  if (!p) throw ExecutionError("csv option " + option + " '" + text + "': " + error);
  return std::move(*p);
}

template <typename T>
void appendInt(std::string& out, T v) {
  char buf[48];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

class CsvWriter : public FileFormatWriter {
 public:
  CsvWriter(const FileSinkSpec& spec, const std::string& path,
            const std::vector<std::string>& names, const std::vector<TypePtr>& types)
      : out_(path, spec.compression == "gzip"),
        o_(spec.csv),
        lineSep_(spec.lineSep),
        types_(types),
        timestamp_(pattern(spec.timestampFormat.value_or("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"),
                           "timestampFormat")) {
    if (spec.dateFormat) date_ = pattern(*spec.dateFormat, "dateFormat");
    if (!o_.header) return;
    for (size_t i = 0; i < names.size(); ++i) {
      if (i) line_ += o_.sep;
      field(names[i]);
    }
    line_ += lineSep_;
    out_.write(line_);
  }

  void appendRow(const RowSlot* slots, const uint8_t* nulls) override {
    line_.clear();
    for (size_t i = 0; i < types_.size(); ++i) {
      if (i) line_ += o_.sep;
      if (nulls[i]) {
        line_ += o_.nullValue;
        continue;
      }
      value(slots[i], *types_[i]);
    }
    line_ += lineSep_;
    out_.write(line_);
    ++rows_;
  }

  void finish() override { out_.finish(); }

 private:
  void value(const RowSlot& s, const DataType& t) {
    text_.clear();
    switch (t.id()) {
      case TypeId::Boolean:
        line_ += s.as<uint8_t>() ? "true" : "false";
        return;
      case TypeId::Byte:
        return appendInt(line_, static_cast<int>(s.as<int8_t>()));
      case TypeId::Short:
        return appendInt(line_, static_cast<int>(s.as<int16_t>()));
      case TypeId::Int:
        return appendInt(line_, s.as<int32_t>());
      case TypeId::Long:
        return appendInt(line_, s.as<int64_t>());
      case TypeId::Float:
        line_ += stdlib::javaDouble(s.as<float>(), true);
        return;
      case TypeId::Double:
        line_ += stdlib::javaDouble(s.as<double>(), false);
        return;
      case TypeId::Decimal:
        line_ += stdlib::decimalToString(
            t.precision() <= 18 ? static_cast<__int128>(s.as<int64_t>()) : s.as<__int128>(),
            t.scale());
        return;
      case TypeId::Date: {
        const int32_t days = s.as<int32_t>();
        text_ = date_ ? date_->format(days * stdlib::kMicrosPerDay) : stdlib::formatDate(days);
        break;
      }
      case TypeId::Timestamp:
        // TIMESTAMP_NTZ: Spark's timestampNTZFormat default, a wall clock without an offset.
        text_ = isNtz(t) ? ntz_.format(s.as<int64_t>()) : timestamp_.format(s.as<int64_t>());
        break;
      case TypeId::String:
        return field(s.as<StringView>().view());
      default:  // refused at analysis (planFileSink)
        throw ExecutionError("CSV data source does not support " + t.toString() + " data type");
    }
    field(text_);
  }

  // One string value with Spark's trimming, empty value and quoting rules.
  void field(std::string_view v) {
    if (o_.ignoreLeadingWhiteSpace)
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    if (o_.ignoreTrailingWhiteSpace)
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    if (v.empty()) {
      line_ += o_.emptyValue;
      return;
    }
    bool quote = o_.quoteAll;
    for (char c : v)
      quote = quote || c == o_.sep || c == '\n' || c == '\r' ||
              (o_.escapeQuotes && o_.quote != '\0' && c == o_.quote);
    if (!quote || o_.quote == '\0') {
      line_ += v;
      return;
    }
    line_ += o_.quote;
    for (char c : v) {
      if ((c == o_.quote || (c == o_.escape && o_.escape != o_.quote)) && o_.escape != '\0')
        line_ += o_.escape;
      line_ += c;
    }
    line_ += o_.quote;
  }

  FileOutput out_;
  CsvWriteOptions o_;
  std::string lineSep_;
  std::vector<TypePtr> types_;
  stdlib::DateTimePattern timestamp_;
  stdlib::DateTimePattern ntz_ = pattern("yyyy-MM-dd'T'HH:mm:ss.SSS", "timestampNTZFormat");
  std::optional<stdlib::DateTimePattern> date_;
  std::string line_, text_;
};

}  // namespace

std::unique_ptr<FileFormatWriter> openCsvWriter(const FileSinkSpec& spec, const std::string& path,
                                                const std::vector<std::string>& names,
                                                const std::vector<TypePtr>& types) {
  return std::make_unique<CsvWriter>(spec, path, names, types);
}

}  // namespace sluice
