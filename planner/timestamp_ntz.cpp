#include "planner/timestamp_ntz.h"

namespace sluice {
namespace {

thread_local TypePtr tlsTimestampType;  // set by ScopedTimestampType; null: TIMESTAMP_LTZ

// One instance: NTZ-ness is this object's identity (types are shared, never copied).
const TypePtr& ntzInstance() {
  static const TypePtr t = std::make_shared<DataType>(TypeId::Timestamp);
  return t;
}

}  // namespace

TypePtr timestampNtzType() {
  return ntzInstance();
}

bool isNtz(const DataType& t) {
  return &t == ntzInstance().get();
}

TypePtr timestampTypeSetting() {
  return tlsTimestampType ? tlsTimestampType : DataType::timestamp();
}

ScopedTimestampType::ScopedTimestampType(TypePtr type) : previous_(std::move(tlsTimestampType)) {
  tlsTimestampType = std::move(type);
}

ScopedTimestampType::~ScopedTimestampType() {
  tlsTimestampType = std::move(previous_);
}

}  // namespace sluice
