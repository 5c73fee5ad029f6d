#pragma once
// Source text and positions (SourceSpan, LineCol, SourceFile): public types, since
// sluice::Error carries them; defined in include/sluice/source.h.
#include "sluice/source.h"
