#!/usr/bin/env bash
# Installs sluice into a temporary prefix and builds the embedding samples (samples/embed)
# out of tree against it, twice: with CMake's find_package(sluice) and with
# `pkg-config --cflags --libs sluice`, then runs all four programs (C++ and C). Also checks
# that the install tree holds only the public headers and that libsluice exports only the
# public API.
#   install_test.sh <build dir> <source dir>
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
work=$(mktemp -d /tmp/sluice-install-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"

fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" > "$work/install.log" || { cat "$work/install.log"; fail "cmake --install"; }
echo "== install tree"
(cd "$prefix" && find . -type f -o -type l | sort)

lib=$(find "$prefix" -name 'libsluice.so*' -type f | head -1)
[ -n "$lib" ] || fail "no libsluice.so installed"
echo "libsluice: $(du -h "$lib" | cut -f1) ($(stat -c %s "$lib") bytes), stripped: $(strip -o "$work/stripped.so" "$lib" && stat -c %s "$work/stripped.so") bytes"
# Only the public API is exported: C functions sluice_* and C++ symbols of namespace sluice
# that the public headers declare; no standard-library instances, LLVM, Abseil, planner or
# runtime internals.
exports=$(nm -D --defined-only "$lib" | awk '$2 ~ /[TDBVWR]/ {print $3}')
count=$(echo "$exports" | wc -l)
echo "exported symbols: $count"
leaked=$(echo "$exports" | c++filt | grep -vE '^(sluice_|sluice::|typeinfo for sluice::|typeinfo name for sluice::|vtable for sluice::|_init$|_fini$)' || true)
leaked+=$(echo "$exports" | c++filt | grep -E '^sluice::(Catalog|Binder|KafkaReader|KafkaWriter|JitEngine|PhysicalPlan|LogicalPlan|DataType|PlanExecutor)\b' || true)
[ -z "$leaked" ] || { echo "$leaked" | head -20; fail "internal symbols exported"; }
[ "$count" -lt 400 ] || fail "$count exported symbols: visibility is not applied"
for h in "$prefix"/include/sluice/*.h; do
  grep -E '^#include "' "$h" | grep -vq '"sluice/' && fail "$h includes a non-public header"
done

echo "== find_package(sluice)"
cmake -S "$src/samples/embed" -B "$work/cmake-build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release > "$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; fail "configure against the package"; }
cmake --build "$work/cmake-build" > "$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build against the package"; }
"$work/cmake-build/embed_sample" > "$work/cmake-cpp.out" || { cat "$work/cmake-cpp.out"; fail "embed_sample (CMake)"; }
grep -q "embed sample: all checks passed" "$work/cmake-cpp.out" || fail "embed_sample output (CMake)"
"$work/cmake-build/embed_c_sample" > "$work/cmake-c.out" || { cat "$work/cmake-c.out"; fail "embed_c_sample (CMake)"; }
grep -q "embed C sample: all checks passed" "$work/cmake-c.out" || fail "embed_c_sample output (CMake)"
# The binary links libsluice, not the folder libraries or LLVM directly.
readelf -d "$work/cmake-build/embed_sample" | grep -q 'libsluice.so' || fail "embed_sample does not link libsluice.so"
readelf -d "$work/cmake-build/embed_sample" | grep -q 'libLLVM' && fail "embed_sample links LLVM directly"

echo "== pkg-config --cflags --libs sluice"
export PKG_CONFIG_PATH="$(dirname "$(find "$prefix" -name sluice.pc | head -1)")"
flags=$(pkg-config --cflags --libs sluice)
echo "pkg-config: $flags"
libdir=$(pkg-config --variable=libdir sluice)
c++ -std=c++20 -O1 "$src/samples/embed/embed_sample.cpp" -o "$work/embed_sample_pc" $flags \
  -Wl,-rpath,"$libdir" || fail "c++ with pkg-config"
cc -std=c11 -O1 "$src/samples/embed/embed_c_sample.c" -o "$work/embed_c_sample_pc" $flags -pthread \
  -Wl,-rpath,"$libdir" || fail "cc with pkg-config"
"$work/embed_sample_pc" > "$work/pc-cpp.out" || { cat "$work/pc-cpp.out"; fail "embed_sample (pkg-config)"; }
grep -q "embed sample: all checks passed" "$work/pc-cpp.out" || fail "embed_sample output (pkg-config)"
"$work/embed_c_sample_pc" > "$work/pc-c.out" || { cat "$work/pc-c.out"; fail "embed_c_sample (pkg-config)"; }
grep -q "embed C sample: all checks passed" "$work/pc-c.out" || fail "embed_c_sample output (pkg-config)"
cat "$work/pc-c.out"
echo "install test: ok"
