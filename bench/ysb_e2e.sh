#!/usr/bin/env bash
# The Yahoo Streaming Benchmark query end to end, sluice against DuckDB and a bare Kafka
# consumer, on the same generated data, in one run:
#
#   keep event_type = 'view', join ad_id -> campaign_id (1000 ads, 100 campaigns), count per
#   campaign per 10-second tumbling window of event_time
#
# Setup: N events (~245 bytes of JSON each) from build/bench/ysb_generator are written as an
# NDJSON file and produced keyed (`kcat -P -K`) to a P-partition topic on the embedded broker
# (`sluice broker`). Then, R times, interleaved so that load on a shared machine hits every
# engine alike:
#   (a) sluice, batch query over the topic           bench/ysb_e2e/batch_topic.sql
#   (b) sluice, streaming query over the topic,      bench/ysb_e2e/stream_topic.sql
#       trigger availableNow, update mode, counts to a Kafka topic
#   (c) sluice, batch query over the NDJSON file     bench/ysb_e2e/file.sql (USING json)
#   (d) DuckDB (@duckdb/node-api, one thread),       bench/ysb_e2e/duckdb.mjs
#       read_ndjson of the three columns + join + window count
#   (e) a bare consumer of the topic: kcat -C -e -f '' (the Kafka paths' wall-clock floor)
# Each is a process measured with GNU time (wall, user + sys CPU). Prints the medians, the
# ratios sluice / DuckDB and sluice / bare consumer, and checks that every engine's counts
# equal the ones the generator computed (exit 1 when one differs).
#
# DuckDB comes from npm, installed by tools/test_peers.sh into <build>/test-peers (never by the
# product build); when it cannot be installed the benchmark says so and runs sluice's side.
#
# Usage: bash bench/ysb_e2e.sh [--records N] [--runs R] [--partitions P] [--keep]
#   BUILD_DIR (default build); SLUICE (default <build>/sluice: another binary, e.g. an older
#   build to compare with); SLUICE_READ_THREADS caps sluice's file-read threads.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
RECORDS=600000
RUNS=3
PARTITIONS=64
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --records) RECORDS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --partitions) PARTITIONS=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "usage: bash bench/ysb_e2e.sh [--records N] [--runs R] [--partitions P] [--keep]" >&2
       exit 2 ;;
  esac
done

for tool in kcat /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "ysb_e2e: $tool is missing (Debian: kcat, time)" >&2; exit 1; }
done

# Build what the benchmark runs (a release-like build: RelWithDebInfo, as tools/dev.sh).
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$BUILD_DIR" --target sluice ysb_generator >/dev/null
SLUICE=${SLUICE:-$PWD/$BUILD_DIR/sluice}

DUCKDB=1
if ! bash tools/test_peers.sh "$BUILD_DIR" >"/tmp/ysb_e2e_peers.$$.log" 2>&1 ||
   ! command -v node >/dev/null; then
  DUCKDB=0
  echo "== DuckDB (@duckdb/node-api) could not be installed; running sluice's side only:"
  tail -3 "/tmp/ysb_e2e_peers.$$.log" | sed 's/^/   /'
fi
rm -f "/tmp/ysb_e2e_peers.$$.log"

WORK=$(mktemp -d /tmp/ysb-e2e.XXXXXX)
BROKER=""
cleanup() {
  if [ -n "$BROKER" ]; then kill "$BROKER" 2>/dev/null || true; wait "$BROKER" 2>/dev/null || true; fi
  if [ "$KEEP" = 1 ]; then echo "== kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "== generating $RECORDS YSB events into $WORK"
"$BUILD_DIR/bench/ysb_generator" --records "$RECORDS" --dir "$WORK" | sed 's/^/   /'
OUT_TOPICS=ysb-out
for r in $(seq "$RUNS"); do OUT_TOPICS="$OUT_TOPICS,ysb-out-$r"; done
"$SLUICE" broker --partitions "$PARTITIONS" --topics "ysb-events,$OUT_TOPICS" \
  --bootstrap-file "$WORK/bootstrap" >"$WORK/broker.log" 2>&1 &
BROKER=$!
for _ in $(seq 100); do [ -s "$WORK/bootstrap" ] && break; sleep 0.1; done
BS=$(cat "$WORK/bootstrap")
echo "== embedded broker at $BS; producing the events keyed by ad_id to ysb-events" \
  "($PARTITIONS partitions)"
kcat -P -K $'\t' -b "$BS" -t ysb-events -l "$WORK/events.kv"
rm -f "$WORK/events.kv"
IN_TOPIC=$(kcat -C -b "$BS" -t ysb-events -e -q -f '%o\n' | wc -l)
if [ "$IN_TOPIC" -ne "$RECORDS" ]; then
  echo "ysb_e2e: the topic holds $IN_TOPIC records, not $RECORDS" >&2
  exit 1
fi

# check NAME FILE: FILE holds `campaign_id,window_start,count` lines (any order); they must be
# the generator's counts.
FAILED=0
check() {
  sort "$2" >"$2.sorted"
  if ! cmp -s "$2.sorted" "$WORK/expected.csv"; then
    echo "MISMATCH: $1 differs from the expected counts ($(wc -l <"$2.sorted") vs" \
      "$(wc -l <"$WORK/expected.csv") groups); diff:" >&2
    diff "$WORK/expected.csv" "$2.sorted" | head -10 >&2
    FAILED=1
  fi
}

# measure NAME COMMAND...: runs the command (stdout to $WORK/NAME.out), appends
# `NAME wall cpu` to $WORK/results.
measure() {
  local name=$1
  shift
  if ! /usr/bin/time -f '%e %U %S' -o "$WORK/time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
    echo "ysb_e2e: $name failed:" >&2
    cat "$WORK/$name.err" >&2
    exit 1
  fi
  local wall user sys
  read -r wall user sys <"$WORK/time"
  echo "$name $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" >>"$WORK/results"
  # sluice --timings: the statements' execute and JIT wall time, without process start-up.
  sed -n 's/^timings: total.* jit \([0-9.]*\) ms, execute \([0-9.]*\) ms.*/\1 \2/p' "$WORK/$name.err" |
    awk -v n="$name" '{ print n, $1 / 1000, $2 / 1000 }' >>"$WORK/inside"
}

Q=bench/ysb_e2e
DEFS=(-d "bootstrap=$BS" -d topic=ysb-events -d "data=$WORK")
echo "== $RUNS interleaved runs of each engine"
for r in $(seq "$RUNS"); do
  measure a "$SLUICE" run "$Q/batch_topic.sql" "${DEFS[@]}" --format csv --timings
  tail -n +2 "$WORK/a.out" >"$WORK/a.csv" && check "(a) batch over the topic, run $r" "$WORK/a.csv"

  rm -rf "$WORK/checkpoint"
  measure b "$SLUICE" run "$Q/stream_topic.sql" "${DEFS[@]}" -d "out=ysb-out-$r" \
    -d "checkpoint=$WORK/checkpoint" --timings
  # Update mode: the last count of each key is the final one.
  kcat -C -b "$BS" -t "ysb-out-$r" -e -q -f '%k\t%s\n' |
    awk -F'\t' '{ last[$1] = $2 } END { for (k in last) print k "," last[k] }' >"$WORK/b.csv"
  check "(b) streaming over the topic, run $r" "$WORK/b.csv"

  measure c "$SLUICE" run "$Q/file.sql" "${DEFS[@]}" --format csv --timings
  tail -n +2 "$WORK/c.out" >"$WORK/c.csv" && check "(c) batch over the NDJSON file, run $r" "$WORK/c.csv"

  if [ "$DUCKDB" = 1 ]; then
    measure d node "$Q/duckdb.mjs" "$BUILD_DIR/test-peers" "$WORK" 1 "$WORK/d.csv"
    cat "$WORK/d.out" >>"$WORK/duckdb_query"
    check "(d) DuckDB, run $r" "$WORK/d.csv"
  fi

  measure e kcat -C -b "$BS" -t ysb-events -e -q -f ''
  echo "   run $r done"
done

# Medians and ratios.
awk -v duckdb="$DUCKDB" -v records="$RECORDS" -v runs="$RUNS" \
    -v mb="$(awk -v b="$(stat -c %s "$WORK/events.json")" 'BEGIN { printf "%.1f", b / 1e6 }')" \
    -v partitions="$PARTITIONS" -v dq="$(cat "$WORK/duckdb_query" 2>/dev/null | tr '\n' ' ')" \
    -v inside="$(tr '\n' ' ' <"$WORK/inside")" '
  function median(list,   n, v, i, j, t) {
    n = split(list, v, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " $3 }
  END {
    name["a"] = "(a) sluice, batch query over the topic"
    name["b"] = "(b) sluice, streaming availableNow, update"
    name["c"] = "(c) sluice, batch query over the NDJSON file"
    name["d"] = "(d) DuckDB, one thread, read_ndjson"
    name["e"] = "(e) bare consumer, kcat -C -e -f \x27\x27"
    printf "\nYSB end to end: %d events (%s MB of NDJSON), topic of %d partitions, medians of %d interleaved runs\n\n", records, mb, partitions, runs
    printf "%-46s %9s %9s\n", "engine", "wall s", "CPU s"
    split("a b c d e", order, " ")
    for (i = 1; i <= 5; i++) {
      k = order[i]
      if (!(k in wall)) continue
      W[k] = median(wall[k]); C[k] = median(cpu[k])
      printf "%-46s %9.2f %9.2f\n", name[k], W[k], C[k]
    }
    printf "\nwithout process start-up (sluice --timings: JIT + execute wall; DuckDB: the query inside node)\n"
    n = split(inside, f, " ")
    for (i = 1; i + 2 <= n; i += 3) { jit[f[i]] = jit[f[i]] " " f[i + 1]; ex[f[i]] = ex[f[i]] " " f[i + 2] }
    for (i = 1; i <= 3; i++) {
      k = order[i]
      if (k in ex) printf "%-46s %9.2f   (JIT %.2f s, execute %.2f s)\n", name[k], median(jit[k]) + median(ex[k]), median(jit[k]), median(ex[k])
    }
    if (dq != "") {
      n = split(dq, f, " "); qw = ""; qc = ""
      for (i = 1; i + 3 <= n; i += 4) { qw = qw " " f[i + 1]; qc = qc " " f[i + 3] }
      printf "%-46s %9.2f   (CPU %.2f s)\n", name["d"], median(qw) / 1000, median(qc) / 1000
    }
    printf "\n%-46s %13s %13s %13s %13s\n", "ratio", "CPU/DuckDB", "wall/DuckDB", "wall/consumer", "CPU/consumer"
    for (i = 1; i <= 3; i++) {
      k = order[i]
      printf "%-46s", name[k]
      if ("d" in W) printf " %13.2f %13.2f", C[k] / C["d"], W[k] / W["d"]; else printf " %13s %13s", "-", "-"
      if (k != "c") printf " %13.2f %13.2f\n", W[k] / W["e"], C[k] / C["e"]; else printf " %13s %13s\n", "-", "-"
    }
  }' "$WORK/results"
if [ "$FAILED" = 1 ]; then
  echo "FAILED: an engine's counts differ (see above)" >&2
  exit 1
fi
echo
echo "every engine agrees with the expected counts ($(wc -l <"$WORK/expected.csv") (campaign, window) groups)"
