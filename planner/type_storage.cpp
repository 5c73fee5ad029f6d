#include "planner/type_storage.h"

#include "stdlib/abi_types.h"

namespace sluice {

Storage storageOf(const DataType& t) {
  switch (t.id()) {
    case TypeId::Null:
    case TypeId::Boolean:
      return Storage::Bool;
    case TypeId::Byte:
      return Storage::I8;
    case TypeId::Short:
      return Storage::I16;
    case TypeId::Int:
    case TypeId::Date:
    case TypeId::YearMonthInterval:
      return Storage::I32;
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::DayTimeInterval:
      return Storage::I64;
    case TypeId::Decimal:
      return t.precision() <= kMaxLongDecimalDigits ? Storage::I64 : Storage::I128;
    case TypeId::Float:
      return Storage::F32;
    case TypeId::Double:
      return Storage::F64;
    case TypeId::String:
    case TypeId::Binary:
      return Storage::View;
    case TypeId::Interval:
    case TypeId::Struct:
    case TypeId::Array:
    case TypeId::Map:
      return Storage::Pointer;
  }
  return Storage::Pointer;
}

size_t storageSize(Storage s) {
  switch (s) {
    case Storage::Bool:
    case Storage::I8:
      return 1;
    case Storage::I16:
      return 2;
    case Storage::I32:
    case Storage::F32:
      return 4;
    case Storage::I64:
    case Storage::F64:
      return 8;
    case Storage::I128:
      return 16;
    case Storage::View:
      return sizeof(StringView);
    case Storage::Pointer:
      return sizeof(void*);
  }
  return sizeof(void*);
}

}  // namespace sluice
