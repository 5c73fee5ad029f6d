#include "planner/sources/file_source_csv.h"

#include <algorithm>
#include <map>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/sources/file_source_values.h"

namespace sluice {

CsvTokenizer::CsvTokenizer(std::string_view text, const FileSourceOptions& options)
    : text_(text), options_(options) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool CsvTokenizer::atLineEnd(size_t i) const {
  return i >= text_.size() || text_[i] == '\n' || text_[i] == '\r';
}

size_t CsvTokenizer::skipLineEnd(size_t i) {
  if (i < text_.size() && text_[i] == '\r') ++i;
  if (i < text_.size() && text_[i] == '\n') ++i;
  ++line_;
  return i;
}

void CsvTokenizer::readField(CsvRecord& record, CsvField& field) {
  const FileSourceOptions& o = options_;
  auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
  if (o.ignoreLeadingWhiteSpace)
    while (pos_ < text_.size() && isSpace(text_[pos_])) ++pos_;
  if (o.quote != '\0' && pos_ < text_.size() && text_[pos_] == o.quote) {
    field.quoted = true;
    ++pos_;
    bool closed = false;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == o.escape && o.escape != o.quote && pos_ + 1 < text_.size() &&
          (text_[pos_ + 1] == o.quote || text_[pos_ + 1] == o.escape)) {
        field.text += text_[pos_ + 1];
        pos_ += 2;
      } else if (c == o.quote) {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == o.quote) {
          field.text += o.quote;
          pos_ += 2;
        } else {
          ++pos_;
          closed = true;
          break;
        }
      } else if ((c == '\n' || c == '\r') && !o.multiLine) {
        break;  // a record is one line: the quote is never closed
      } else {
        if (c == '\n') ++line_;
        field.text += c;
        ++pos_;
      }
    }
    if (!closed) {
      if (record.error.empty())
        record.error = o.multiLine ? "unclosed quote at the end of the file"
                                   : "unclosed quote (a quoted value spans lines only with "
                                     "multiLine 'true')";
      return;
    }
    // Characters between the closing quote and the separator are kept, as univocity does;
    // trailing whitespace is dropped when asked.
    size_t start = pos_;
    while (!atLineEnd(pos_) && text_[pos_] != o.sep) ++pos_;
    std::string_view rest = text_.substr(start, pos_ - start);
    if (o.ignoreTrailingWhiteSpace)
      while (!rest.empty() && isSpace(rest.back())) rest.remove_suffix(1);
    field.text += rest;
  } else {
    const size_t start = pos_;
    while (!atLineEnd(pos_) && text_[pos_] != o.sep) ++pos_;
    std::string_view v = text_.substr(start, pos_ - start);
    if (o.ignoreTrailingWhiteSpace)
      while (!v.empty() && isSpace(v.back())) v.remove_suffix(1);
    field.text.assign(v);
  }
  if (o.maxCharsPerColumn >= 0 && static_cast<int64_t>(field.text.size()) > o.maxCharsPerColumn &&
      record.error.empty())
    record.error =
        "a value is longer than maxCharsPerColumn (" + std::to_string(o.maxCharsPerColumn) + ")";
}

bool CsvTokenizer::next(CsvRecord& record) {
  for (;;) {
    if (pos_ >= text_.size()) return false;
    // Blank lines and comment lines are not records.
    if (text_[pos_] == '\n' || text_[pos_] == '\r') {
      pos_ = skipLineEnd(pos_);
      continue;
    }
    if (options_.comment != '\0' && text_[pos_] == options_.comment) {
      while (!atLineEnd(pos_)) ++pos_;
      pos_ = skipLineEnd(pos_);
      continue;
    }
    break;
  }
  record.fields.clear();
  record.error.clear();
  record.line = line_;
  const size_t start = pos_;
  for (;;) {
    record.fields.emplace_back();
    readField(record, record.fields.back());
    if (pos_ < text_.size() && text_[pos_] == options_.sep) {
      ++pos_;
      continue;
    }
    break;
  }
  // An unclosed quote on a single line leaves the rest of the line unread.
  while (!atLineEnd(pos_)) ++pos_;
  record.raw = text_.substr(start, pos_ - start);
  if (pos_ < text_.size()) pos_ = skipLineEnd(pos_);
  if (static_cast<int64_t>(record.fields.size()) > options_.maxColumns && record.error.empty())
    record.error = "more than maxColumns (" + std::to_string(options_.maxColumns) + ") values";
  return true;
}

const std::string* csvDatum(const CsvField& field, const FileSourceOptions& options) {
  if (field.text.empty()) {
    if (!field.quoted) return nullptr;
    return options.emptyValue == options.nullValue ? nullptr : &options.emptyValue;
  }
  return field.text == options.nullValue ? nullptr : &field.text;
}

std::vector<std::string> csvHeaderNames(const CsvRecord& header, const FileSourceOptions& options) {
  std::map<std::string, int> counts;
  for (const auto& f : header.fields) ++counts[asciiLower(f.text)];
  std::vector<std::string> names;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string& v = header.fields[i].text;
    if (v.empty() || v == options.nullValue)
      names.push_back("_c" + std::to_string(i));
    else if (counts[asciiLower(v)] > 1)
      names.push_back(v + std::to_string(i));
    else
      names.push_back(v);
  }
  return names;
}

namespace {

// Inference stages in Spark's order; a value is tried from its column's current stage on.
enum class Stage { Null, Int, Long, Decimal, Double, Date, Timestamp, Boolean, String };

Stage stageOf(const DataType& t) {
  switch (t.id()) {
    case TypeId::Null:
      return Stage::Null;
    case TypeId::Int:
      return Stage::Int;
    case TypeId::Long:
      return Stage::Long;
    case TypeId::Decimal:
      return Stage::Decimal;
    case TypeId::Double:
      return Stage::Double;
    case TypeId::Date:
      return Stage::Date;
    case TypeId::Timestamp:
      return Stage::Timestamp;
    case TypeId::Boolean:
      return Stage::Boolean;
    default:
      return Stage::String;
  }
}

// decimal(p, 0) for a plain integer too long for bigint (BigDecimal with scale 0); null when
// it is not one or needs more than 38 digits.
TypePtr integerDecimal(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos) return nullptr;
  const size_t first = s.find_first_not_of('0');
  const size_t digits = first == std::string_view::npos ? 1 : s.size() - first;
  if (digits > 38) return nullptr;
  return DataType::decimal(static_cast<int>(digits), 0);
}

TypePtr tryFrom(Stage stage, std::string_view s, const TextValueParser& parser,
                const FileSourceOptions& o) {
  int64_t i = 0;
  switch (stage) {
    case Stage::Null:
    case Stage::Int:
      if (parseStrictIntegral(s, INT32_MIN, INT32_MAX, &i)) return DataType::integer();
      [[fallthrough]];
    case Stage::Long:
      if (parseStrictIntegral(s, INT64_MIN, INT64_MAX, &i)) return DataType::bigint();
      [[fallthrough]];
    case Stage::Decimal:
      if (auto d = integerDecimal(s)) return d;
      [[fallthrough]];
    case Stage::Double: {
      double d = 0;
      if (parser.parseDouble(s, &d)) return DataType::doubleType();
      [[fallthrough]];
    }
    case Stage::Date: {
      int32_t days = 0;
      if (o.preferDate && parser.parseDateStrict(s, &days)) return DataType::date();
      [[fallthrough]];
    }
    case Stage::Timestamp: {
      int64_t us = 0;
      if (parser.parseTimestamp(s, &us)) return DataType::timestamp();
      [[fallthrough]];
    }
    case Stage::Boolean:
      if (equalsIgnoreCase(s, "true") || equalsIgnoreCase(s, "false")) return DataType::boolean();
      [[fallthrough]];
    case Stage::String:
      break;
  }
  return DataType::string();
}

TypePtr widerDecimal(const DataType& a, const DataType& b) {
  const int scale = std::max(a.scale(), b.scale());
  const int range = std::max(a.precision() - a.scale(), b.precision() - b.scale());
  return DataType::decimal(std::min(38, range + scale), scale);
}

bool isInferredNumeric(const DataType& t) {
  return t.id() == TypeId::Int || t.id() == TypeId::Long || t.id() == TypeId::Decimal ||
         t.id() == TypeId::Double;
}

// Spark's compatibleType for CSV inference: numeric widening, else string. Dates mixed with
// timestamps are timestamps unless a timestampFormat is set (Spark 3.4's preferDate rule).
TypePtr csvCompatible(const TypePtr& a, const TypePtr& b, const FileSourceOptions& o) {
  if (a->id() == TypeId::Null) return b;
  if (a->equals(*b)) return a;
  if (isInferredNumeric(*a) && isInferredNumeric(*b)) {
    if (a->id() == TypeId::Double || b->id() == TypeId::Double) return DataType::doubleType();
    if (a->id() == TypeId::Decimal || b->id() == TypeId::Decimal) {
      auto da = a->id() == TypeId::Decimal ? a : DataType::decimalFor(*a);
      auto db = b->id() == TypeId::Decimal ? b : DataType::decimalFor(*b);
      return widerDecimal(*da, *db);
    }
    return DataType::bigint();
  }
  if (a->isDatetime() && b->isDatetime() && !o.timestampFormat) return DataType::timestamp();
  return DataType::string();
}

}  // namespace

TypePtr inferCsvSchema(const FileSourceOptions& o, const std::vector<std::string>& files) {
  TextValueParser parser(o);
  std::vector<std::string> names;
  std::vector<TypePtr> types;
  bool haveNames = false;
  std::string text, error;
  CsvRecord rec;
  for (const auto& path : files) {
    if (haveNames && !o.inferSchema) break;  // only the names are needed
    if (!readSourceFile(path, &text, &error)) throw AnalysisError(error);
    CsvTokenizer tok(text, o);
    bool first = true;
    while (tok.next(rec)) {
      const bool isHeader = first && o.header;
      first = false;
      if (!haveNames) {
        // The first record of the data set fixes the column count (and names).
        if (o.header) {
          names = csvHeaderNames(rec, o);
        } else {
          for (size_t i = 0; i < rec.fields.size(); ++i) names.push_back("_c" + std::to_string(i));
        }
        types.assign(names.size(), DataType::null());
        haveNames = true;
      }
      if (!o.inferSchema) break;
      if (isHeader) continue;
      const size_t n = std::min(rec.fields.size(), types.size());
      for (size_t i = 0; i < n; ++i) {
        const std::string* d = csvDatum(rec.fields[i], o);
        if (!d) continue;
        types[i] = csvCompatible(types[i], tryFrom(stageOf(*types[i]), *d, parser, o), o);
      }
    }
  }
  if (!haveNames)
    throw AnalysisError("cannot infer a schema for CSV: no records in " + o.resolvedPath +
                        "; declare the columns: CREATE TABLE t (col type, ...) USING csv");
  std::vector<StructField> fields;
  for (size_t i = 0; i < names.size(); ++i)
    fields.push_back(
        {names[i], types[i]->id() == TypeId::Null ? DataType::string() : types[i], true});
  return DataType::structOf(std::move(fields));
}

std::string csvSchemaProblem(const std::vector<StructField>& fields) {
  for (const auto& f : fields) {
    switch (f.type->id()) {
      case TypeId::Struct:
      case TypeId::Array:
      case TypeId::Map:
      case TypeId::Binary:
      case TypeId::Interval:
      case TypeId::YearMonthInterval:
      case TypeId::DayTimeInterval:
      case TypeId::Null:
        return "the CSV data source does not support " + f.type->toString() + " columns (column '" +
               f.name + "')";
      default:
        break;
    }
  }
  return "";
}

}  // namespace sluice
