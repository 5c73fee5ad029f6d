#!/usr/bin/env bash
# One entry point for newcomers and CI:
#   bash tools/dev.sh demo   install missing packages, build, run the Nest demo
#   bash tools/dev.sh test   install missing packages, build, run the whole test suite
#   bash tools/dev.sh build  install missing packages and build
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}

setup() { bash tools/setup.sh; }

build() {
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  cmake --build "$BUILD_DIR" -j "$JOBS"
}

demo() {
  local defs=(--define bootstrap=127.0.0.1:9092 --define checkpoints=/tmp/sluice-demo/checkpoints
              --define archive=/tmp/sluice-demo/archive --define threshold=1000)
  echo "== sluice check samples/nest/nest.sql"
  "$BUILD_DIR/sluice" check samples/nest/nest.sql "${defs[@]}"
  echo
  echo "== sluice explain --extended samples/nest/nest.sql"
  "$BUILD_DIR/sluice" explain --extended samples/nest/nest.sql "${defs[@]}"
  echo
  echo "== sluice run samples/nest/sightings_preview.sql"
  "$BUILD_DIR/sluice" run samples/nest/sightings_preview.sql
}

test_all() {
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" --timeout 600
}

case "${1:-}" in
  demo) setup; build; demo ;;
  test) setup; build; test_all ;;
  build) setup; build ;;
  *) echo "usage: bash tools/dev.sh demo|test|build" >&2; exit 2 ;;
esac
