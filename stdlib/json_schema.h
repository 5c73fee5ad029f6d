#pragma once
// JSON <-> nested values (stdlib/nested.h layout) for from_json / to_json in generated code.
//
// The code generator describes the SQL type once per call site (NestedType, built from the
// planner's DataType at codegen time) together with the call's options, and passes the
// descriptor's address to the C entry points of json_abi.h. Reading uses simdjson On-Demand:
// only the fields the (pruned) schema names are materialized; the rest of a record is
// skipped, never copied. Semantics follow Spark 3's JacksonParser / JacksonGenerator:
// - PERMISSIVE (default): a record that is not valid JSON (or whose root does not match the
//   schema) gives a struct of NULL fields for a struct schema, NULL for array / map schemas;
//   a top-level field whose value does not convert (wrong JSON type, overflow, unparseable
//   timestamp, ...) is NULL while the other fields are kept. Empty input gives NULL.
// - FAILFAST: the same situations record a kernel error (kernel_error.h) naming the record,
//   and the result is NULL.
// - Duplicate keys: the last occurrence wins (struct fields as in Jackson's streaming reads;
//   maps keep the first key's position with the last value, Spark's LAST_WIN dedup policy).
// - Lenient input (single quotes, comments, ... per the Jackson options Spark exposes) is
//   accepted through a slow path: records simdjson rejects are re-read by stdlib/json's DOM
//   parser with those options.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/abi_types.h"
#include "stdlib/datetime.h"
#include "stdlib/json.h"

namespace sluice::stdlib {

/// The storage kinds a nested value's slots hold (codegen/abi.h table).
enum class NestedKind : uint8_t {
  Null,  ///< void: always NULL
  Boolean,
  Byte,
  Short,
  Int,
  Long,
  Float,
  Double,
  Decimal,  ///< int64 unscaled (precision <= 18) or __int128 (precision > 18)
  String,
  Binary,
  Date,       ///< int32 days
  Timestamp,  ///< int64 microseconds
  Struct,
  Array,
  Map,
};

/// A number unique to each object that holds one: copies get a fresh number, so a
/// per-thread cache keyed by an object's address (JsonKeyMemo) can tell a new object at a
/// reused address from the old one.
struct InstanceSerial {
  uint64_t value;  ///< unique per object in this process
  InstanceSerial();
  InstanceSerial(const InstanceSerial&);             ///< a fresh number, not the source's
  InstanceSerial& operator=(const InstanceSerial&);  ///< a fresh number, not the source's
};

/// A SQL type as far as JSON conversion needs it. Not to be changed once from_json has read
/// with it (JsonKeyMemo remembers what its struct field names matched).
struct NestedType {
  NestedKind kind = NestedKind::Null;
  int precision = 0, scale = 0;         ///< Decimal
  std::vector<std::string> fieldNames;  ///< Struct: field names, in order
  /// Struct: some field name contains `"` or `\` (then keys are compared unescaped); set by
  /// whoever fills fieldNames, so the per-key hot path never rescans the names.
  bool anySpecialName = false;
  std::vector<NestedType> children;  ///< Struct: field types; Array: {element}; Map: {key, value}
  InstanceSerial serial;             ///< identifies this object to JsonKeyMemo

  const NestedType& element() const { return children[0]; }  ///< Array
  const NestedType& key() const { return children[0]; }      ///< Map
  const NestedType& value() const { return children[1]; }    ///< Map
};

/// What from_json needs: the schema and its options (built once per call site).
struct JsonReadSpec {
  NestedType type;                                 ///< struct, array or map
  bool failFast = false;                           ///< mode FAILFAST (else PERMISSIVE)
  std::optional<DateTimePattern> timestampFormat;  ///< unset: Spark's lenient default
  std::optional<DateTimePattern> dateFormat;       ///< unset: Spark's lenient default
  JsonParseOptions parse;                          ///< Jackson options for the slow path
  /// Timestamps without an offset are wall-clock time here (the timeZone option, else the
  /// session time zone).
  const Zone* zone = &Zone::utc();
  /// Filter pushdown (set by the code generator when the filter right above from_json keeps
  /// only rows whose top-level STRING field `guardField` equals `guardValue`): readJson
  /// *rejects* every other record (field missing, NULL, another value, malformed record)
  /// without building the struct, and skips the fields after a failing guard (their keys
  /// are still read: a later duplicate of the guard field decides, as Spark's last-wins).
  /// PERMISSIVE struct schemas only; -1: no guard.
  int guardField = -1;
  std::string guardValue;
};

/// What to_json needs: the value's type and the writer options.
struct JsonWriteSpec {
  NestedType type;  ///< struct, array or map
  /// Spark's default `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` unless the timestampFormat option is set.
  DateTimePattern timestampFormat =
      *DateTimePattern::compile("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", nullptr);
  std::optional<DateTimePattern> dateFormat;  ///< unset: `yyyy-MM-dd`
  bool ignoreNullFields = true;               ///< omit NULL struct fields (Spark's default)
  /// Timestamps are written as wall-clock time here (the timeZone option, else the session
  /// time zone).
  const Zone* zone = &Zone::utc();
};

/// from_json of `text`: the nested value (allocated in `arena`), or nullptr for NULL. In
/// FAILFAST mode a malformed record raises a kernel error and gives nullptr. Strings in the
/// result may point into `text` (escape-free strings are not copied), so `text` must live as
/// long as the result; in kernels both live until the end of the batch.
/// With a guard (JsonReadSpec::guardField) and `rejected`, `*rejected` says whether the record
/// failed it (the result is then nullptr: the filter above drops the row whatever it is).
const void* readJson(const JsonReadSpec& spec, std::string_view text, StringArena& arena,
                     bool* rejected = nullptr);

/// to_json of nested value `v` (of spec.type), appended to `out`.
void writeJson(const JsonWriteSpec& spec, const void* v, std::string& out);

/// Java's Double.toString / Float.toString (`1.0`, `1.0E10`, `NaN`), as Jackson writes them.
std::string javaDouble(double v, bool isFloat);

}  // namespace sluice::stdlib
