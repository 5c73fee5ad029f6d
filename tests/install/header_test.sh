#!/usr/bin/env bash
# Every public header compiles on its own with only the installed include directory (C++20;
# sluice.h also as C11), so a host needs nothing else: no sluice source tree, no LLVM.
#   header_test.sh <build dir>
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/sluice-header-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" --component sluice > /dev/null
inc="$work/prefix/include"
n=0
for h in "$inc"/sluice/*.h; do
  name=$(basename "$h")
  printf '#include "sluice/%s"\n#include "sluice/%s"\n' "$name" "$name" > "$work/t.cpp"
  c++ -std=c++20 -fsyntax-only -Wall -Wextra -Werror -I "$inc" "$work/t.cpp" \
    || { echo "FAIL: sluice/$name does not compile alone"; exit 1; }
  # Only sluice/ headers and the standard library: no path in <...>, no third-party .h.
  bad=$(grep -E '^\s*#\s*include' "$h" | grep -vE '"sluice/[a-z_]+\.h"|<[a-z_]+>|<(stddef|stdint)\.h>' || true)
  [ -z "$bad" ] || { echo "FAIL: sluice/$name includes $bad"; exit 1; }
  n=$((n + 1))
done
printf '#include "sluice/sluice.h"\nint main(void) { return sluice_version() == 0; }\n' > "$work/t.c"
cc -std=c11 -pedantic -Wall -Wextra -Werror -fsyntax-only -I "$inc" "$work/t.c" \
  || { echo "FAIL: sluice/sluice.h does not compile as C11"; exit 1; }
echo "header test: $n headers compile alone, sluice.h as C11"
