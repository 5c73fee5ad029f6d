#!/usr/bin/env bash
# Exactly-once file sink under SIGKILL: a streaming query archives N Kafka records into a
# partitioned <format> table in small batches and is killed with SIGKILL at random moments
# (at least 10 times), then runs to completion. Checks:
#  - after every kill, a reader that just lists the directory (DuckDB globbing **/*.<ext>)
#    sees no duplicate and no partial row, never fewer rows than after the previous kill (only
#    committed batches are visible), and no temp file is visible under a data name;
#  - at the end the archive holds exactly the N input rows, read by DuckDB's glob and by
#    sluice (which reads the _spark_metadata log), and no temp files are left.
# Without DuckDB its checks are skipped (exit 77 at the end), except under CI=true (failure).
# usage: file_sink_kill_test.sh path/to/sluice <test-peers dir> <json|csv|parquet>
set -euo pipefail
SLUICE=${1:?usage: file_sink_kill_test.sh sluice peers format}
PEERS=${2:?}
FORMAT=${3:?}
HERE="$(cd "$(dirname "$0")" && pwd)"
N=${N:-20000}
KILLS=${KILLS:-10}
command -v kcat >/dev/null || { echo "kcat not installed (tools/setup.sh installs it)"; exit 1; }
fail() { echo "FAIL: $*" >&2; exit 1; }
duck=1
if ! command -v node >/dev/null 2>&1 || [ ! -d "$PEERS/node_modules/@duckdb/node-api" ]; then
  [ "${CI:-}" = "true" ] && fail "DuckDB (@duckdb/node-api) is not installed in $PEERS"
  duck=0
fi

work=$(mktemp -d /tmp/sluice-filesink-kill.XXXXXX)
"$SLUICE" broker --partitions 8 --topics ev --bootstrap-file "$work/bs" >/dev/null &
broker=$!
trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/bs" ] && break; sleep 0.1; done
bs=$(cat "$work/bs")

for i in $(seq 1 "$N"); do
  printf 'k%d\t{"id":%d,"g":"g%d","name":"n%d","ts":"2020-01-01T00:%02d:00Z"}\n' \
    "$i" "$i" $((i % 4)) "$i" $((i % 60))
done | kcat -P -K $'\t' -b "$bs" -t ev

cat >"$work/archive.sql" <<SQL
CREATE TABLE ev USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs', subscribe 'ev',
  startingOffsets 'earliest', maxOffsetsPerTrigger '100');
CREATE TABLE arch USING $FORMAT PARTITIONED BY (g) OPTIONS (path '$work/arch', header 'true');
CREATE STREAMING QUERY archiver OPTIONS (checkpointLocation '$work/cp', trigger 'availableNow')
AS INSERT INTO arch
SELECT j.* FROM (SELECT from_json(CAST(value AS STRING),
                                  'id INT, name STRING, ts TIMESTAMP, g STRING') AS j
                 FROM STREAM ev);
SQL

glob="$work/arch/**/*.$FORMAT"
case "$FORMAT" in
  json) reader="read_json('$glob', columns={id: 'INTEGER', name: 'VARCHAR', ts: 'VARCHAR'}, hive_partitioning=true)" ;;
  csv) reader="read_csv('$glob', header=true, hive_partitioning=true)" ;;
  parquet) reader="read_parquet('$glob', hive_partitioning=true)" ;;
  *) fail "unknown format $FORMAT" ;;
esac
duckdb() { node "$HERE/duckdb_query.mjs" "$PEERS" "$1"; }

# Reader's view right now: rows and distinct ids must agree (no duplicate, no partial file).
check_listing() {
  if find "$work/arch" -name "*.$FORMAT" -path '*/.*' 2>/dev/null | grep -q .; then
    fail "a hidden temp file has a data file name"
  fi
  [ "$duck" = 1 ] || return 0
  [ -n "$(find "$work/arch" -name "*.$FORMAT" 2>/dev/null)" ] || return 0
  local r
  r=$(duckdb "SELECT count(*), count(DISTINCT id) FROM $reader") || fail "DuckDB cannot read the archive after a kill"
  read -r rows ids <<<"$r"
  [ "$rows" = "$ids" ] || fail "after a kill DuckDB sees $rows rows but $ids distinct ids"
  [ "$rows" -ge "$seen" ] || fail "after a kill DuckDB sees $rows rows, fewer than the $seen before"
  seen=$rows
  echo "  listing: $rows rows, no duplicates"
}

kills=0
seen=0
while [ "$kills" -lt "$KILLS" ]; do
  "$SLUICE" run "$work/archive.sql" >"$work/run.out" 2>"$work/run.err" &
  pid=$!
  sleep "0.$((RANDOM % 3 + 1))$((RANDOM % 10))"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || true
    kills=$((kills + 1))
    echo "kill $kills"
    check_listing
  else
    wait "$pid" || fail "sluice run failed: $(cat "$work/run.err")"
    fail "the archive finished after $kills kills, before $KILLS; raise N"
  fi
done
"$SLUICE" run "$work/archive.sql" >"$work/run.out" 2>"$work/run.err" ||
  fail "final run failed: $(cat "$work/run.err")"

leftovers=$(find "$work/arch" -name '*.tmp' | wc -l)
[ "$leftovers" = 0 ] || fail "$leftovers temp files left in the archive"

cat >"$work/count.sql" <<SQL
CREATE TABLE arch USING $FORMAT OPTIONS (path '$work/arch', header 'true', inferSchema 'true');
SELECT count(*) AS n, count(DISTINCT id) AS ids, min(id), max(id) FROM arch;
SQL
got=$("$SLUICE" run "$work/count.sql" --format csv | tail -1)
[ "$got" = "$N,$N,1,$N" ] || fail "sluice reads '$got' from the archive, want $N,$N,1,$N"
echo "sluice: $got"
if [ "$duck" = 1 ]; then
  got=$(duckdb "SELECT count(*), count(DISTINCT id), count(DISTINCT g) FROM $reader")
  [ "$got" = "$N	$N	4" ] || fail "DuckDB reads '$got' from the archive, want $N $N 4"
  echo "duckdb: $got"
fi
echo "file sink kill test ($FORMAT, $kills kills): ok"
[ "$duck" = 1 ] || exit 77
