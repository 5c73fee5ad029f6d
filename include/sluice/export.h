#pragma once
// SLUICE_API marks what libsluice exports. The library is built with hidden visibility, so
// only the public API (the classes and functions of include/sluice/ and the C API of
// sluice.h) is visible to a host; everything else stays internal, which keeps the shared
// library small and lets the compiler optimize internal calls freely.
#if defined(_WIN32)
#define SLUICE_API
#elif defined(__GNUC__) || defined(__clang__)
#define SLUICE_API __attribute__((visibility("default")))
#else
#define SLUICE_API
#endif
