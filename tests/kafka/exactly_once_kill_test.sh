#!/usr/bin/env bash
# The exactly-once Kafka sink (kafka.sink.exactlyOnce) under kill -9, read back with kcat.
# A Kafka-to-Kafka query copies 600 keyed records (3 partitions) in batches of 60, adding a
# `headers` column. Runs are killed with SIGKILL at fixed points — right after a batch was
# written and acknowledged but before its commit (the worst case for a replay), and after a
# number of records was handed to the producer (a batch cut short) — and at random moments;
# after each kill the next run replays the uncommitted batch. At the end the output topic must
# hold every input record exactly once, with its headers. The same kills without the option
# must leave duplicates (the at-least-once sink), which shows the check can fail.
#   exactly_once_kill_test.sh path/to/sluice
set -euo pipefail
SLUICE=${1:?usage: exactly_once_kill_test.sh path/to/sluice}
command -v kcat >/dev/null || { echo "kcat not installed (tools/setup.sh installs it)"; exit 1; }
work=$(mktemp -d /tmp/sluice-eos.XXXXXX)
"$SLUICE" broker --partitions 3 --topics in,out,out_alo --bootstrap-file "$work/bs" >/dev/null &
broker=$!
trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/bs" ] && break; sleep 0.1; done
bs=$(cat "$work/bs")
N=600

fail() { echo "FAIL: $*" >&2; exit 1; }

# Input: key k<i>, value v<i>, spread over the 3 partitions by key.
for i in $(seq 1 $N); do printf 'k%d\tv%d\n' "$i" "$i"; done | kcat -P -K $'\t' -b "$bs" -t in

query() {  # $1 output topic, $2 checkpoint, $3 extra sink options
  cat <<SQL
CREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs', subscribe 'in',
  startingOffsets 'earliest', maxOffsetsPerTrigger '60');
CREATE TABLE dst USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs', topic '$1' $3);
CREATE STREAMING QUERY copy OPTIONS (checkpointLocation '$2', trigger 'availableNow')
AS INSERT INTO dst
SELECT key, concat(CAST(value AS STRING), '!') AS value,
       array(named_struct('key', 'src', 'value', CAST(CAST(offset AS STRING) AS BINARY))) AS headers
FROM STREAM src;
SQL
}
query out "$work/cp" ", 'kafka.sink.exactlyOnce' 'true'" > "$work/eos.sql"
query out_alo "$work/cp_alo" "" > "$work/alo.sql"

# run <sql> <kill point or ""> : one run of the query; echoes its exit status.
run() {
  local rc=0
  SLUICE_TEST_KAFKA_SINK_KILL="$2" "$SLUICE" run "$1" > /dev/null 2>> "$work/stderr" || rc=$?
  echo "$rc"
}

kills=0
for point in flush:1 flush:2 records:25 flush:1 records:130 flush:3; do
  rc=$(run "$work/eos.sql" "$point")
  [ "$rc" -eq 137 ] || fail "run with kill point $point exited $rc, not by SIGKILL: $(tail -5 "$work/stderr")"
  kills=$((kills + 1))
done
# After a kill right after a flush, the batch is in the topic but not committed.
last=$(ls "$work/cp/offsets" | sort -n | tail -1)
[ ! -f "$work/cp/commits/$last" ] || fail "batch $last was committed before the kill"
# Random moments too.
for delay in 0.3 0.6 0.9 1.2; do
  SLUICE_TEST_KAFKA_SINK_KILL="" "$SLUICE" run "$work/eos.sql" > /dev/null 2>> "$work/stderr" &
  pid=$!
  sleep "$delay"
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
done
rc=$(run "$work/eos.sql" "")
[ "$rc" -eq 0 ] || fail "final run exited $rc: $(tail -5 "$work/stderr")"
grep -q "skipped" "$work/stderr" || fail "no replay skipped anything: the kills missed the window"

kcat -C -b "$bs" -t out -e -q -f '%k\t%s\t%h\n' > "$work/out.txt"
total=$(wc -l < "$work/out.txt")
distinct=$(cut -f1,2 "$work/out.txt" | sort -u | wc -l)
echo "exactly-once: $total records, $distinct distinct, after $kills fixed and 4 random kills"
[ "$distinct" -eq "$N" ] || fail "$distinct distinct records in the output, want $N (loss)"
[ "$total" -eq "$N" ] || fail "$total records in the output, want $N (duplicates: $((total - N)))"
want=$(for i in $(seq 1 $N); do printf 'k%d\tv%d!\n' "$i" "$i"; done | sort)
got=$(cut -f1,2 "$work/out.txt" | sort)
[ "$got" = "$want" ] || fail "the output records differ from the input"
# Every record carries the query's headers after the headers column's own.
bad=$(grep -cvE $'\tsrc=[0-9]+,sluice\\.queryId=[0-9a-f-]+,sluice\\.batchId=[0-9]+,sluice\\.seq=[0-9]+$' "$work/out.txt" || true)
[ "$bad" -eq 0 ] || { head -3 "$work/out.txt"; fail "$bad records without the expected headers"; }
# Deterministic partitioning: a key always lands in the same partition.
kcat -C -b "$bs" -t out -e -q -f '%k %p\n' | sort -u | cut -d' ' -f1 | uniq -d > "$work/split"
[ ! -s "$work/split" ] || fail "a key was written to two partitions"

# The at-least-once sink under the same fixed kills duplicates records.
for point in flush:1 flush:2 flush:1; do
  rc=$(run "$work/alo.sql" "$point")
  [ "$rc" -eq 137 ] || fail "at-least-once run with kill point $point exited $rc"
done
rc=$(run "$work/alo.sql" "")
[ "$rc" -eq 0 ] || fail "final at-least-once run exited $rc"
alo=$(kcat -C -b "$bs" -t out_alo -e -q -f '%k\n' | wc -l)
echo "at-least-once: $alo records for $N inputs"
[ "$alo" -gt "$N" ] || fail "the at-least-once sink wrote no duplicates: the kills did not hit"
# Without the option the headers column is written as is, and nothing else.
bad=$(kcat -C -b "$bs" -t out_alo -e -q -f '%h\n' | grep -cvE '^src=[0-9]+$' || true)
[ "$bad" -eq 0 ] || fail "$bad at-least-once records without exactly the 'src' header"
echo "exactly-once kill test: ok"
