#include "runtime/files/sink/partition_path.h"

#include "runtime/exec/slot_values.h"

namespace sluice {

std::string partitionSegment(const std::string& column, const RowSlot& slot, bool isNull,
                             const DataType& type) {
  std::string value;
  if (!isNull) value = storageToValue(&slot, type).toString(type);
  return escapePathName(column) + "=" +
         (value.empty() ? std::string(kHiveDefaultPartition) : escapePathName(value));
}

}  // namespace sluice
