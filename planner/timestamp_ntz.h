#pragma once
// Spark's TIMESTAMP_NTZ (TimestampNTZType, Spark 3.4+): a wall-clock date-time without a time
// zone. It shares TypeId::Timestamp's layout (int64 micros) and operators with TIMESTAMP
// (= TIMESTAMP_LTZ, an instant); its micros are the wall clock read as UTC, so zone-dependent
// code treats an NTZ value as a timestamp in UTC. It is one shared DataType instance that
// `equals` tells apart from TIMESTAMP and that prints as `timestamp_ntz`.
#include "planner/types.h"

namespace sluice {

/// The TIMESTAMP_NTZ type.
TypePtr timestampNtzType();
/// Is `t` TIMESTAMP_NTZ?
bool isNtz(const DataType& t);
inline bool isNtz(const TypePtr& t) {
  return t && isNtz(*t);
}
/// TIMESTAMP (LTZ), not NTZ.
inline bool isLtz(const DataType& t) {
  return t.id() == TypeId::Timestamp && !isNtz(t);
}

/// What a bare `TIMESTAMP` type or literal names (spark.sql.timestampType): TIMESTAMP_LTZ
/// unless a ScopedTimestampType on this thread says TIMESTAMP_NTZ.
TypePtr timestampTypeSetting();

/// While alive, `TIMESTAMP` written on this thread (CAST, DDL schemas, from_json schemas,
/// literals) means `type`: the session's spark.sql.timestampType while a statement is planned.
class ScopedTimestampType {
 public:
  explicit ScopedTimestampType(TypePtr type);
  ~ScopedTimestampType();
  ScopedTimestampType(const ScopedTimestampType&) = delete;
  ScopedTimestampType& operator=(const ScopedTimestampType&) = delete;

 private:
  TypePtr previous_;
};

}  // namespace sluice
