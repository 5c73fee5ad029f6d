#!/usr/bin/env bash
# 1 core against 2 cores: the streaming YSB query (bench/ysb_e2e/stream_topic.sql) and the
# streaming Nest query (bench/scaling/nest_stream.sql) end to end over topics on the embedded
# broker, and the same queries' kernels alone over in-memory micro-batches (ysb_bench,
# nest_bench),
# each run pinned with `taskset -c 0` and with `taskset -c 0,1` (sluice's worker threads
# follow the affinity mask: 1 and 2), interleaved R times. Prints the medians of the execute
# time (sluice --timings: the batch's run, without process start-up and JIT), of the wall
# time and of sluice's CPU time (user + sys), and the throughput ratio 2 cores / 1 core (the
# goal is >= 1.7). Checks that both runs of a query wrote the same final counts. The embedded
# broker runs unpinned: when sluice's CPU time is well below its execute time, the query
# waits for the broker (the Kafka paths' floor) and more cores cannot help.
#
# Usage: bash bench/scaling.sh [--ysb N] [--nest N] [--runs R] [--partitions P]
#   BUILD_DIR (default build); SLUICE (default <build>/sluice).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
YSB=600000
NEST=60000
RUNS=3
PARTITIONS=64
while [ $# -gt 0 ]; do
  case "$1" in
    --ysb) YSB=$2; shift 2 ;;
    --nest) NEST=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --partitions) PARTITIONS=$2; shift 2 ;;
    *) echo "usage: bash bench/scaling.sh [--ysb N] [--nest N] [--runs R] [--partitions P]" >&2
       exit 2 ;;
  esac
done
for tool in kcat taskset /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "scaling: $tool is missing (Debian: kcat, util-linux, time)" >&2; exit 1; }
done
if [ "$(nproc --all)" -lt 2 ]; then echo "scaling: needs 2 CPUs" >&2; exit 77; fi
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$BUILD_DIR" --target sluice ysb_generator nest_generator ysb_bench nest_bench >/dev/null
SLUICE=${SLUICE:-$PWD/$BUILD_DIR/sluice}

WORK=$(mktemp -d /tmp/sluice-scaling.XXXXXX)
BROKER=""
cleanup() {
  if [ -n "$BROKER" ]; then kill "$BROKER" 2>/dev/null || true; wait "$BROKER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== generating $YSB YSB events and $NEST Nest records"
"$BUILD_DIR/bench/ysb_generator" --records "$YSB" --dir "$WORK" >/dev/null
"$BUILD_DIR/nest_generator" --records "$NEST" --seed 3 --hours 24 \
  --locations samples/nest/device_locations.csv >"$WORK/nest.kv"
OUT=""
for r in $(seq "$RUNS"); do OUT="$OUT,ysb-1-$r,ysb-2-$r,nest-1-$r,nest-2-$r"; done
"$SLUICE" broker --partitions "$PARTITIONS" --topics "ysb-events,nest-logs$OUT" \
  --bootstrap-file "$WORK/bootstrap" >"$WORK/broker.log" 2>&1 &
BROKER=$!
for _ in $(seq 100); do [ -s "$WORK/bootstrap" ] && break; sleep 0.1; done
BS=$(cat "$WORK/bootstrap")
kcat -P -K $'\t' -b "$BS" -t ysb-events -l "$WORK/events.kv"
kcat -P -K $'\t' -b "$BS" -t nest-logs -l "$WORK/nest.kv"
rm -f "$WORK/events.kv" "$WORK/events.json" "$WORK/nest.kv"

# run NAME CORES SQL OUT DEFINES...: appends `NAME CORES execute_s wall_s` to results.
run() {
  local name=$1 cores=$2 sql=$3 out=$4
  shift 4
  rm -rf "$WORK/cp"
  if ! /usr/bin/time -f '%e %U %S' -o "$WORK/time" taskset -c "$cores" "$SLUICE" run "$sql" \
      -d "bootstrap=$BS" -d "out=$out" -d "checkpoint=$WORK/cp" "$@" --timings \
      >"$WORK/out" 2>"$WORK/err"; then
    echo "scaling: $name on CPUs $cores failed:" >&2
    cat "$WORK/err" >&2
    exit 1
  fi
  local ex
  ex=$(sed -n 's/^timings: total.* execute \([0-9.]*\) ms.*/\1/p' "$WORK/err" | tail -1)
  local wall user sys
  read -r wall user sys <"$WORK/time"
  echo "$name $cores $(awk -v e="$ex" 'BEGIN { printf "%.3f", e / 1000 }') $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" >>"$WORK/results"
  # The final count per key (the last value written for it).
  kcat -C -b "$BS" -t "$out" -e -q -f '%k\t%s\n' |
    awk -F'\t' '{ last[$1] = $2 } END { for (k in last) print k "," last[k] }' | sort >"$WORK/$out.csv"
}

echo "== $RUNS interleaved runs per query on 1 CPU (taskset -c 0) and 2 CPUs (taskset -c 0,1)"
for r in $(seq "$RUNS"); do
  for c in 1 2; do
    cores=0; [ "$c" = 2 ] && cores=0,1
    run ysb "$cores" bench/ysb_e2e/stream_topic.sql "ysb-$c-$r" -d topic=ysb-events -d "data=$WORK"
    run nest "$cores" bench/scaling/nest_stream.sql "nest-$c-$r" -d topic=nest-logs \
      -d "locations=$PWD/samples/nest/device_locations.csv"
  done
  for q in ysb nest; do
    if ! cmp -s "$WORK/$q-1-$r.csv" "$WORK/$q-2-$r.csv" || [ ! -s "$WORK/$q-1-$r.csv" ]; then
      echo "scaling: $q wrote different counts on 1 and 2 CPUs (run $r)" >&2
      exit 1
    fi
  done
  echo "   run $r done"
done

# The kernels alone, no broker: ysb_bench / nest_bench run the same streaming queries over
# in-memory Kafka-shaped micro-batches (100k records each) in one process.
echo "== $RUNS interleaved runs of ysb_bench / nest_bench (kernels over in-memory batches)"
for r in $(seq "$RUNS"); do
  for c in 1 2; do
    cores=0; [ "$c" = 2 ] && cores=0,1
    rate=$(taskset -c "$cores" "$BUILD_DIR/bench/ysb_bench" --only sluice --runs 3 --batch 100000 |
      awk '/^sluice \(SQL/ { print $(NF - 1) }')
    echo "kysb $c $rate" >>"$WORK/kernels"
    rate=$(taskset -c "$cores" "$BUILD_DIR/bench/nest_bench" --runs 3 --batch 100000 \
      --locations samples/nest/device_locations.csv | awk '/^sluice/ { print $(NF - 1); exit }')
    echo "knest $c $rate" >>"$WORK/kernels"
  done
done

awk -v runs="$RUNS" '
  function median(list,   n, v, i, j, t) {
    n = split(list, v, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  { rate[$1 " " $2] = rate[$1 " " $2] " " $3 }
  END {
    printf "\nKernels alone (ysb_bench / nest_bench, records/s), medians of %d interleaved runs\n\n", runs
    printf "%-34s %14s %14s %14s\n", "query", "1 CPU", "2 CPUs", "2/1 thrpt"
    label["kysb"] = "YSB (ysb_bench)"; label["knest"] = "Nest (nest_bench)"
    split("kysb knest", qs, " ")
    for (i = 1; i <= 2; i++) {
      q = qs[i]; r1 = median(rate[q " 1"]); r2 = median(rate[q " 2"])
      printf "%-34s %14.0f %14.0f %14.2f\n", label[q], r1, r2, r2 / r1
    }
  }' "$WORK/kernels"

awk -v ysb="$YSB" -v nest="$NEST" -v runs="$RUNS" '
  function median(list,   n, v, i, j, t) {
    n = split(list, v, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  { k = $1 " " ($2 == "0" ? 1 : 2); ex[k] = ex[k] " " $3; wall[k] = wall[k] " " $4; cpu[k] = cpu[k] " " $5 }
  END {
    printf "\n1 CPU vs 2 CPUs, medians of %d interleaved runs (execute = the query run, without start-up and JIT)\n\n", runs
    printf "%-34s %10s %10s %10s %10s %10s %10s %14s %14s\n", "query", "1: exec s", "2: exec s", "1: wall s", "2: wall s", "1: CPU s", "2: CPU s", "exec 2/1 thrpt", "wall 2/1 thrpt"
    n["ysb"] = ysb; n["nest"] = nest
    label["ysb"] = "YSB streaming (" ysb " events)"; label["nest"] = "Nest streaming (" nest " records)"
    split("ysb nest", qs, " ")
    for (i = 1; i <= 2; i++) {
      q = qs[i]
      e1 = median(ex[q " 1"]); e2 = median(ex[q " 2"]); w1 = median(wall[q " 1"]); w2 = median(wall[q " 2"])
      c1 = median(cpu[q " 1"]); c2 = median(cpu[q " 2"])
      printf "%-34s %10.2f %10.2f %10.2f %10.2f %10.2f %10.2f %14.2f %14.2f\n", label[q], e1, e2, w1, w2, c1, c2, e1 / e2, w1 / w2
    }
  }' "$WORK/results"
