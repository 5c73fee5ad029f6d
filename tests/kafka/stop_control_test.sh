#!/usr/bin/env bash
# Stopping `sluice run` (issue 10): SIGINT while a batch waits on a sink that never answers
# exits within 10 s; a second SIGINT exits at once; two runs on one checkpoint: the second is
# refused naming the directory and the holder; a continuous query waits for a topic created
# after it started, then processes it.
#   stop_control_test.sh path/to/sluice
set -euo pipefail
SLUICE=${1:?usage: stop_control_test.sh path/to/sluice}
command -v kcat >/dev/null || { echo "kcat not installed (tools/setup.sh installs it)"; exit 1; }
work=$(mktemp -d /tmp/sluice-stop.XXXXXX)
"$SLUICE" broker --partitions 2 --topics in,out,big,race --bootstrap-file "$work/bs" >/dev/null &
broker=$!
pids=()
trap 'kill $broker "${pids[@]}" 2>/dev/null; wait $broker 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/bs" ] && break; sleep 0.1; done
bs=$(cat "$work/bs")
printf 'k1\tv1\nk2\tv2\n' | kcat -P -K $'\t' -b "$bs" -t in

fail() { echo "FAIL: $*"; exit 1; }

# query FILE NAME SOURCE_OPTIONS SINK_SERVERS SINK_TOPIC TRIGGER SELECT: a streaming query NAME
# (checkpoint $work/cp_NAME) from a Kafka source on the broker into a Kafka sink.
query() {
  cat >"$1" <<SQL
CREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs', startingOffsets 'earliest',
  $3);
CREATE TABLE out USING kafka OPTIONS ('kafka.bootstrap.servers' '$4', topic '$5');
CREATE STREAMING QUERY $2 OPTIONS (checkpointLocation '$work/cp_$2', trigger '$6')
AS INSERT INTO out $7;
SQL
}

# 0. A batch statement that runs for minutes (a triple cross join) stops on SIGINT at once,
# exit 130, and the statements after it do not run.
seq 3000 | awk '{print $1"\tv"$1}' | kcat -P -K $'\t' -b "$bs" -t big
cat >"$work/cross.sql" <<SQL
CREATE TABLE big USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs', subscribe 'big');
SELECT count(*) FROM big a CROSS JOIN big b CROSS JOIN big c;
SELECT 'after' AS never;
SQL
"$SLUICE" run "$work/cross.sql" >"$work/cross.out" 2>"$work/cross.err" &
run=$!
pids+=($run)
sleep 2
start=$(date +%s)
kill -INT $run
rc=0; wait $run || rc=$?
took=$(( $(date +%s) - start ))
[ "$rc" -eq 130 ] || { cat "$work/cross.err"; fail "SIGINT during a batch statement: exit $rc, want 130"; }
[ "$took" -le 3 ] || fail "SIGINT during a batch statement took ${took}s"
! grep -q after "$work/cross.out" || fail "a statement after the stopped one ran"
grep -q "stopped: " "$work/cross.err" || { cat "$work/cross.err"; fail "no 'stopped:' error"; }
echo "ok: SIGINT stops a long batch statement in ${took}s"

# 1. A sink nobody answers: the batch waits for acks; SIGINT ends the run within 10 s.
query "$work/dead.sql" dead "subscribe 'in'" 127.0.0.1:1 x "1 second" "SELECT value FROM STREAM src"
"$SLUICE" run "$work/dead.sql" >"$work/dead.out" 2>"$work/dead.err" &
run=$!
pids+=($run)
for _ in $(seq 100); do [ -f "$work/cp_dead/offsets/0" ] && break; sleep 0.1; done
[ -f "$work/cp_dead/offsets/0" ] || fail "the dead-sink query never planned a batch"
sleep 1
start=$(date +%s)
kill -INT $run
rc=0; wait $run || rc=$?
took=$(( $(date +%s) - start ))
[ "$took" -le 10 ] || fail "SIGINT with an unreachable sink took ${took}s"
[ ! -f "$work/cp_dead/commits/0" ] || fail "the batch that never reached its sink was committed"
grep -q "stopped" "$work/dead.err" || { cat "$work/dead.err"; fail "no 'stopped' message"; }
echo "ok: SIGINT with an unreachable sink exited in ${took}s (rc $rc)"

# 2. A second SIGINT exits at once (the first one waits for the stuck batch).
"$SLUICE" run "$work/dead.sql" >/dev/null 2>"$work/dead2.err" &
run=$!
pids+=($run)
sleep 2
kill -INT $run; sleep 0.3; kill -INT $run
rc=0; wait $run || rc=$?
[ "$rc" -eq 130 ] || { cat "$work/dead2.err"; fail "second SIGINT: exit $rc, want 130"; }
grep -q "second stop signal" "$work/dead2.err" || fail "no message for the second SIGINT"
echo "ok: second SIGINT exits at once"

# 3. One run per checkpoint.
query "$work/live.sql" live "subscribe 'in'" "$bs" out "200 ms" "SELECT value FROM STREAM src"
"$SLUICE" run "$work/live.sql" >/dev/null 2>&1 &
run=$!
pids+=($run)
for _ in $(seq 100); do [ -f "$work/cp_live/commits/0" ] && break; sleep 0.1; done
rc=0; "$SLUICE" run "$work/live.sql" >/dev/null 2>"$work/second.err" || rc=$?
[ "$rc" -eq 1 ] || fail "a second run on a checkpoint in use exited $rc"
grep -q "cp_live is in use by process $run" "$work/second.err" ||
  { cat "$work/second.err"; fail "the refusal does not name the directory and the holder"; }
kill -INT $run; wait $run
echo "ok: a second run on a checkpoint in use is refused"

# 4. A topic created after the query started (continuous trigger) is picked up.
query "$work/later.sql" later "subscribe 'later'" "$bs" out "200 ms" \
  "SELECT CAST(concat('later-', CAST(value AS STRING)) AS BINARY) AS value FROM STREAM src"
"$SLUICE" run "$work/later.sql" >/dev/null 2>"$work/later.err" &
run=$!
pids+=($run)
sleep 2
kill -0 $run 2>/dev/null || { cat "$work/later.err"; fail "the query did not wait for topic 'later'"; }
printf 'k9\tz\n' | kcat -P -K $'\t' -b "$bs" -t later  # the mock cluster auto-creates it
for _ in $(seq 100); do
  kcat -C -b "$bs" -t out -e -q -f '%s\n' | grep -q later-z && break
  sleep 0.1
done
kcat -C -b "$bs" -t out -e -q -f '%s\n' | grep -q later-z || fail "records of the new topic never arrived"
kill -INT $run; wait $run
echo "ok: a topic created after the start is picked up"

# 5. Two runs of one query started 0-3 s apart, 10 times: one run at a time, so no record is
# written twice (without the lock, both ran the same batches).
seq 500 | awk '{print $1"\tr"$1}' | kcat -P -K $'\t' -b "$bs" -t race
for trial in $(seq 10); do
  query "$work/race$trial.sql" "race$trial" "subscribe 'race', maxOffsetsPerTrigger '50'" "$bs" \
    "race$trial" availableNow "SELECT value FROM STREAM src"
  "$SLUICE" run "$work/race$trial.sql" >/dev/null 2>"$work/race$trial.a" &
  first=$!
  sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", (r % 300) / 100 }')"
  "$SLUICE" run "$work/race$trial.sql" >/dev/null 2>"$work/race$trial.b" || true
  wait $first || true
  total=$(kcat -C -b "$bs" -t "race$trial" -e -q -f '%s\n' | wc -l)
  distinct=$(kcat -C -b "$bs" -t "race$trial" -e -q -f '%s\n' | sort -u | wc -l)
  [ "$total" -eq 500 ] && [ "$distinct" -eq 500 ] ||
    { cat "$work/race$trial.a" "$work/race$trial.b"; fail "trial $trial: $total records, $distinct distinct (want 500, 500)"; }
done
echo "ok: 10 races of two runs on one checkpoint, no record written twice"
