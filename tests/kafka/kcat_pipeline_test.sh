#!/usr/bin/env bash
# Issue 4's done-when, with kcat as the outside client in both directions: kcat produces JSON
# records to the embedded broker, a sluice streaming query parses, filters and writes them to
# another topic, kcat reads back exactly the expected records. Then more records arrive and a
# restart from the checkpoint processes only those.
#   kcat_pipeline_test.sh path/to/sluice
set -euo pipefail
SLUICE=${1:?usage: kcat_pipeline_test.sh path/to/sluice}
command -v kcat >/dev/null || { echo "kcat not installed (tools/setup.sh installs it)"; exit 1; }
work=$(mktemp -d /tmp/sluice-kcat.XXXXXX)
"$SLUICE" broker --partitions 3 --topics readings,alerts --bootstrap-file "$work/bs" >/dev/null &
broker=$!
trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/bs" ] && break; sleep 0.1; done
bs=$(cat "$work/bs")

cat >"$work/q.sql" <<SQL
CREATE TABLE readings USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs',
  subscribe 'readings', startingOffsets 'earliest');
CREATE TABLE alerts USING kafka OPTIONS ('kafka.bootstrap.servers' '$bs', topic 'alerts');
CREATE STREAMING QUERY hot OPTIONS (checkpointLocation '$work/cp', trigger 'availableNow')
AS INSERT INTO alerts
SELECT CAST(key AS STRING) AS key,
       concat(r.sensor, '=', CAST(r.temp AS STRING)) AS value
FROM (SELECT key, from_json(CAST(value AS STRING), 'sensor STRING, temp DOUBLE') AS r
      FROM STREAM readings)
WHERE r.temp > 30;
SQL

produce() {  # key<TAB>json lines on stdin
  kcat -P -K $'\t' -b "$bs" -t readings
}
consume() {
  kcat -C -b "$bs" -t alerts -e -q -f '%k %s\n' | sort
}

printf 'k1\t{"sensor":"a","temp":31.5}\nk2\t{"sensor":"b","temp":12}\nk3\tnot json\nk4\t{"sensor":"c","temp":45}\n' | produce
"$SLUICE" run "$work/q.sql" >/dev/null
got=$(consume)
want=$'k1 a=31.5\nk4 c=45.0'
if [ "$got" != "$want" ]; then
  echo "FAIL first run: got"; echo "$got"; echo "want"; echo "$want"; exit 1
fi

printf 'k5\t{"sensor":"d","temp":99}\nk6\t{"sensor":"e","temp":1}\n' | produce
"$SLUICE" run "$work/q.sql" >/dev/null
got=$(consume)
want=$'k1 a=31.5\nk4 c=45.0\nk5 d=99.0'
if [ "$got" != "$want" ]; then
  echo "FAIL after restart: got"; echo "$got"; echo "want"; echo "$want"; exit 1
fi
[ -f "$work/cp/commits/1" ] || { echo "FAIL: no commits/1 in the checkpoint"; exit 1; }
# A continuously triggered query stops gracefully on SIGINT: the running batch commits, exit 0.
sed -e "s/trigger 'availableNow'/trigger '200 milliseconds'/" "$work/q.sql" >"$work/q2.sql"
"$SLUICE" run "$work/q2.sql" >/dev/null &
run=$!
sleep 2
printf 'k7\t{"sensor":"f","temp":77}\n' | produce
sleep 2
kill -INT $run
rc=0
wait $run || rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: sluice run exited $rc on SIGINT"; exit 1; }
got=$(consume)
want=$'k1 a=31.5\nk4 c=45.0\nk5 d=99.0\nk7 f=77.0'
if [ "$got" != "$want" ]; then
  echo "FAIL continuous run: got"; echo "$got"; echo "want"; echo "$want"; exit 1
fi
echo "kcat pipeline: ok"
