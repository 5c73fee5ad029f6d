#pragma once
// uuid(): Spark's random (version 4, IETF variant) UUID in its 36-character lower-case form.
#include <string>

#include "stdlib/abi_types.h"

namespace sluice::stdlib {
std::string randomUuid();
}  // namespace sluice::stdlib

extern "C" {
void sluice_uuid(sluice::StringArena* a, sluice::StringView* out);
}
