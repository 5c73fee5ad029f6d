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
  # The Nest pipeline end to end on the embedded broker: start it, produce generated camera
  # records with kcat (keyed, so they spread over the partitions), run nest.sql with
  # availableNow triggers (streaming queries, then the batch report over what they wrote),
  # summarize what each query read and wrote, shut the broker down. Everything the demo
  # writes goes to one directory, $BUILD_DIR/demo, emptied at the start of each run.
  local work records=${NEST_RECORDS:-5000}
  work="$(pwd)/$BUILD_DIR/demo"
  rm -rf "$work"
  mkdir -p "$work"
  "$BUILD_DIR/sluice" broker --partitions 8 --topics nest-logs,nest-camera-stats \
    --bootstrap-file "$work/bootstrap" >"$work/broker.log" 2>&1 &
  # Global, not local: the EXIT trap runs after this function has returned.
  DEMO_BROKER=$!
  trap 'kill "${DEMO_BROKER:-}" 2>/dev/null || true; wait "${DEMO_BROKER:-}" 2>/dev/null || true' EXIT
  for _ in $(seq 100); do [ -s "$work/bootstrap" ] && break; sleep 0.1; done
  local bootstrap
  bootstrap=$(cat "$work/bootstrap")
  echo "== embedded broker at $bootstrap (topics nest-logs, nest-camera-stats; 8 partitions)"
  echo "== producing $records generated Nest records to nest-logs with kcat"
  "$BUILD_DIR/nest_generator" --records "$records" --locations samples/nest/device_locations.csv |
    kcat -P -K $'\t' -b "$bootstrap" -t nest-logs
  echo "== sluice run samples/nest/nest.sql (trigger availableNow): offline cameras (console"
  echo "   sink), then the report over nest-camera-stats read back (sightings per zip code, hour)"
  (cd samples/nest && "../../$BUILD_DIR/sluice" run nest.sql --define "bootstrap=$bootstrap" \
    --define "checkpoints=$work/checkpoints" --define "archive=$work/archive" \
    --define threshold=${NEST_THRESHOLD:-20} --define trigger=availableNow \
    --progress "$work/progress.jsonl")
  echo "== read back: the records in nest-camera-stats and the Parquet archive"
  "$BUILD_DIR/sluice" run samples/nest/nest_readback.sql --define "bootstrap=$bootstrap" \
    --define "archive=$work/archive"
  echo "== what each streaming query read and wrote (from its progress reports):"
  "$BUILD_DIR/sluice" run samples/nest/progress_summary.sql --format csv \
    --define "progress=$work/progress.jsonl" | tail -n +2 | sed 's/^/   /'
  echo "== files: progress reports $work/progress.jsonl, checkpoints $work/checkpoints,"
  echo "   camera archive $work/archive ($(find "$work/archive" -name '*.parquet' | wc -l)" \
    "Parquet files; committed batches in _spark_metadata). Query the archive with sluice:"
  echo "     CREATE TABLE a USING parquet OPTIONS (path '$work/archive'); SELECT count(*) FROM a;"
  echo "   or with DuckDB: SELECT count(*) FROM read_parquet('$work/archive/*.parquet');"
  echo "== the broker stops now; nest-camera-stats lived in its memory (read back above)."
  echo "   To watch queries live: trigger '10 seconds' and sluice run --ui (http://127.0.0.1:4040/)"
}

test_all() {
  # Independent engines the cross-check tests compare with (DuckDB), never part of the build.
  bash tools/test_peers.sh "$BUILD_DIR"
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" --timeout 600
}

case "${1:-}" in
  demo) setup; build; demo ;;
  test) setup; build; test_all ;;
  build) setup; build ;;
  *) echo "usage: bash tools/dev.sh demo|test|build" >&2; exit 2 ;;
esac
