#include "planner/sources/partition_paths.h"

#include <cstring>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/sources/file_source_values.h"
#include "stdlib/datetime.h"

namespace sluice {

std::string escapePathName(std::string_view name) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    // (c < 0x20 first: strchr would also match the terminating NUL.)
    if (c < 0x20 || c == 0x7F || std::strchr("\"#%'*/:=?\\{[]^", c) != nullptr) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string unescapePathName(std::string_view name) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '%' && i + 2 < name.size() && hex(name[i + 1]) >= 0 && hex(name[i + 2]) >= 0) {
      out += static_cast<char>(hex(name[i + 1]) * 16 + hex(name[i + 2]));
      i += 2;
    } else {
      out += name[i];
    }
  }
  return out;
}

std::vector<PartitionValue> partitionValuesOf(const std::string& root, const std::string& file) {
  std::vector<PartitionValue> out;
  std::string prefix = root;
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  if (file.compare(0, prefix.size(), prefix) != 0) return out;
  std::string_view rest = std::string_view(file).substr(prefix.size());
  while (true) {
    const size_t slash = rest.find('/');
    if (slash == std::string_view::npos) break;  // the file name itself
    const std::string_view seg = rest.substr(0, slash);
    rest.remove_prefix(slash + 1);
    const size_t eq = seg.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string value = unescapePathName(seg.substr(eq + 1));
    out.emplace_back(unescapePathName(seg.substr(0, eq)), value == kHiveDefaultPartition
                                                              ? std::nullopt
                                                              : std::optional<std::string>(value));
  }
  return out;
}

namespace {

// Spark's inferPartitionColumnValue order: int, bigint, (integral decimal: bigint here),
// double, date, timestamp, string; 0 int, 1 bigint, 2 double, 3 date, 4 timestamp, 5 string.
int rankOf(const std::string& v) {
  int64_t i = 0;
  if (parseStrictIntegral(v, INT32_MIN, INT32_MAX, &i)) return 0;
  if (parseStrictIntegral(v, INT64_MIN, INT64_MAX, &i)) return 1;
  char* end = nullptr;
  if (!v.empty()) {
    std::strtod(v.c_str(), &end);
    if (*end == '\0') return 2;
  }
  int64_t micros = 0;
  if (stdlib::parseWithPattern(v, "yyyy-MM-dd", &micros)) return 3;
  if (stdlib::parseWithPattern(v, "yyyy-MM-dd HH:mm:ss", &micros) ||
      stdlib::parseWithPattern(v, "yyyy-MM-dd HH:mm:ss.SSSSSS", &micros))
    return 4;
  return 5;
}

// The type of two ranks together: numbers widen, anything else mixed is a string.
int merge(int a, int b) {
  if (a < 0) return b;
  if (a == b) return a;
  if (a <= 2 && b <= 2) return std::max(a, b);
  return 5;
}

TypePtr typeOfRank(int r) {
  switch (r) {
    case 0:
      return DataType::integer();
    case 1:
      return DataType::bigint();
    case 2:
      return DataType::doubleType();
    case 3:
      return DataType::date();
    case 4:
      return DataType::timestamp();
    default:
      return DataType::string();
  }
}

}  // namespace

std::vector<StructField> discoverPartitionColumns(const std::string& root,
                                                  const std::vector<std::string>& files) {
  std::vector<std::string> names;
  std::vector<int> ranks;
  bool first = true;
  for (const auto& f : files) {
    auto values = partitionValuesOf(root, f);
    if (first) {
      for (const auto& [name, v] : values) {
        names.push_back(name);
        ranks.push_back(-1);
      }
      first = false;
    }
    bool same = values.size() == names.size();
    for (size_t i = 0; same && i < values.size(); ++i)
      same = equalsIgnoreCase(values[i].first, names[i]);
    if (!same)
      throw AnalysisError("conflicting directory structures under " + root + ": " + f +
                          " has other partition directories than " + files.front());
    for (size_t i = 0; i < values.size(); ++i)
      if (values[i].second) ranks[i] = merge(ranks[i], rankOf(*values[i].second));
  }
  std::vector<StructField> out;
  for (size_t i = 0; i < names.size(); ++i)
    out.push_back({names[i], ranks[i] < 0 ? DataType::string() : typeOfRank(ranks[i]), true});
  return out;
}

}  // namespace sluice
