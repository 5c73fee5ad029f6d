#!/usr/bin/env bash
# from_json in FAILFAST mode over a Kafka source fails `sluice run` (exit status 1) with an
# error that shows the bad record escaped (binary bytes as \xNN) and names where it is:
# topic, partition and offset, for a batch query and for a streaming query.
# usage: failfast_record_test.sh path/to/sluice
set -euo pipefail
SLUICE=${1:?usage: failfast_record_test.sh path/to/sluice}
command -v kcat >/dev/null || { echo "kcat not installed (tools/setup.sh installs it)"; exit 1; }
work=$(mktemp -d /tmp/sluice-failfast.XXXXXX)
"$SLUICE" broker --partitions 2 --topics src --bootstrap-file "$work/bs" >/dev/null &
broker=$!
trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/bs" ] && break; sleep 0.1; done
bs=$(cat "$work/bs")
fail() { echo "FAIL: $*" >&2; exit 1; }

printf '{"a":1}\n{"a":2}\n' | kcat -P -b "$bs" -t src -p 1
printf '\x01\xff{"a":\n' | kcat -P -b "$bs" -t src -p 1

# expect_failure <name> <sql file>
expect_failure() {
  local rc=0
  "$SLUICE" run "$2" >"$work/$1.out" 2>"$work/$1.err" || rc=$?
  [ "$rc" -eq 1 ] || fail "$1: exit status $rc, want 1: $(cat "$work/$1.err")"
  grep -qF 'Malformed record: \x01\xff{"a": (input row 3 of 3: topic '"'src'"' partition 1 offset 2)' \
    "$work/$1.err" || fail "$1: the error does not name the record: $(cat "$work/$1.err")"
}

cat >"$work/batch.sql" <<SQL
CREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs', subscribe 'src');
SELECT from_json(CAST(value AS STRING), 'a INT', map('mode', 'FAILFAST')) AS j FROM src;
SQL
expect_failure batch "$work/batch.sql"

cat >"$work/stream.sql" <<SQL
CREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs', subscribe 'src',
  startingOffsets 'earliest');
CREATE TABLE out USING console;
CREATE STREAMING QUERY q OPTIONS (checkpointLocation '$work/cp', trigger 'availableNow')
AS INSERT INTO out
SELECT from_json(CAST(value AS STRING), 'a INT', map('mode', 'FAILFAST')).a AS a FROM STREAM src;
SQL
expect_failure stream "$work/stream.sql"
echo "failfast record: ok"
