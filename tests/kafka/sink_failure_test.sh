#!/usr/bin/env bash
# A Kafka sink that refuses a record (over message.max.bytes) fails `sluice run` with exit
# status 1 and an error naming the topic, both from a batch INSERT and from a streaming
# query over a Kafka source; before the fix the exception crossed generated code and the
# process aborted (std::terminate, exit 134), and every rerun of the checkpoint did too.
# usage: sink_failure_test.sh path/to/sluice
set -euo pipefail
SLUICE=${1:?usage: sink_failure_test.sh path/to/sluice}
work=$(mktemp -d /tmp/sluice-sinkfail.XXXXXX)
"$SLUICE" broker --partitions 2 --topics src,k --bootstrap-file "$work/bs" >/dev/null &
broker=$!
trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/bs" ] && break; sleep 0.1; done
bs=$(cat "$work/bs")
fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_failure <name> <sql file>: exit status 1, the topic and the reason on stderr.
expect_failure() {
  local rc=0
  "$SLUICE" run "$2" >"$work/$1.out" 2>"$work/$1.err" || rc=$?
  [ "$rc" -eq 1 ] || fail "$1: exit status $rc, want 1; stderr: $(head -c 2000 "$work/$1.err")"
  grep -q "topic 'k'" "$work/$1.err" || fail "$1: the error does not name the topic: $(cat "$work/$1.err")"
  grep -qi "too large" "$work/$1.err" || fail "$1: the error does not say why: $(cat "$work/$1.err")"
}

cat >"$work/batch.sql" <<SQL
CREATE TABLE k USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs', topic 'k');
INSERT INTO k SELECT repeat('x', 2000000) AS value;
SQL
expect_failure batch "$work/batch.sql"

cat >"$work/stream.sql" <<SQL
CREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs', subscribe 'src',
  startingOffsets 'earliest');
CREATE TABLE k USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs', topic 'k');
CREATE STREAMING QUERY big OPTIONS (checkpointLocation '$work/cp', trigger 'availableNow')
AS INSERT INTO k SELECT repeat(CAST(value AS STRING), 2000000) AS value FROM STREAM src;
SQL
echo "x" >"$work/rec"
if command -v kcat >/dev/null 2>&1; then
  kcat -P -b "$bs" -t src <"$work/rec"
else
  cat >"$work/produce.sql" <<SQL
CREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs', topic 'src');
INSERT INTO src SELECT 'x' AS value;
SQL
  "$SLUICE" run "$work/produce.sql" >/dev/null
fi
expect_failure stream "$work/stream.sql"
# The rerun replays the failed batch from the checkpoint: it fails the same way, cleanly.
expect_failure rerun "$work/stream.sql"
echo "kafka sink failure: ok"
