#!/usr/bin/env bash
# Tests of the `sluice` driver: help, version, exit codes, locations with carets, --define.
set -u
SLUICE=$1
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expect() {  # expect NAME EXPECTED_EXIT PATTERN -- command...
  local name=$1 code=$2 pattern=$3; shift 4
  local out
  out=$("$@" 2>&1); local rc=$?
  if [ "$rc" -ne "$code" ] || ! grep -qE -- "$pattern" <<<"$out"; then
    echo "FAIL $name: exit $rc (want $code), output:"; echo "$out" | head -20
    fails=$((fails + 1))
  else
    echo "ok   $name"
  fi
}
NEST=(--define bootstrap=127.0.0.1:9092 --define checkpoints=/tmp/c --define archive=/tmp/a --define threshold=1000 --define trigger=availableNow)

expect help 0 "commands:" -- "$SLUICE" --help
expect version 0 "^sluice [0-9]+\.[0-9]+" -- "$SLUICE" --version
expect no-args 2 "usage" -- "$SLUICE"
expect unknown-command 2 "unknown command" -- "$SLUICE" frobnicate x.sql
for c in run explain check; do
  expect "$c-help" 0 "usage: sluice $c" -- "$SLUICE" $c --help
done
expect missing-file 1 "cannot read" -- "$SLUICE" check "$tmp/nope.sql"
expect check-nest 0 "ok" -- "$SLUICE" check samples/nest/nest.sql "${NEST[@]}"
expect explain-nest 0 "== Optimized Logical Plan ==" -- "$SLUICE" explain samples/nest/nest.sql "${NEST[@]}"
printf "SELECT a * 2 FROM VALUES (1), (2) AS t(a) WHERE a > 1;\n" >"$tmp/cg.sql"
expect explain-codegen 0 "define void @pipeline_1" -- "$SLUICE" explain --codegen "$tmp/cg.sql"
# --asm / EXPLAIN ASM: per pipeline a `# pipeline_N: ...` header, then its x86-64 code.
expect explain-asm 0 "^# pipeline_1: " -- "$SLUICE" explain --asm "$tmp/cg.sql"
out=$("$SLUICE" explain --asm "$tmp/cg.sql" 2>&1)
if ! grep -q "== Generated Assembly (x86-64, AT&T syntax) ==" <<<"$out" || ! grep -q "^pipeline_1:" <<<"$out" \
  || ! grep -qE $'^\t(ret|retq)$' <<<"$out" || ! grep -qE $'^\t(mov|lea|cmp|test|add|sub)[a-z]*\t.*%r' <<<"$out"; then
  echo "FAIL explain-asm-x86: $out" | head -40; fails=$((fails + 1))
else echo "ok   explain-asm-x86"; fi
expect explain-asm-sql 0 "^pipeline_1:" -- "$SLUICE" run -e "EXPLAIN ASM SELECT a * 2 FROM VALUES (1), (2) AS t(a) WHERE a > 1"
expect explain-asm-codegen 2 "cannot be combined" -- "$SLUICE" explain --asm --codegen "$tmp/cg.sql"
expect sql-arg 0 "^\\| +6\\|$" -- "$SLUICE" run -e "SELECT 2 * 3"
expect sql-and-file 2 "not both" -- "$SLUICE" run -e "SELECT 1" "$tmp/cg.sql"
expect explain-extended 0 "== Rules Applied ==" -- "$SLUICE" explain --extended samples/nest/nest.sql "${NEST[@]}"
expect undefined-variable 1 "nest.sql:[0-9]+:[0-9]+: error: .*bootstrap" -- "$SLUICE" check samples/nest/nest.sql
expect bad-define 2 "NAME=VALUE" -- "$SLUICE" check samples/nest/nest.sql --define oops

printf 'SELECT a,\n  FROM t;\n' >"$tmp/syntax.sql"
expect syntax-error 1 "syntax.sql:2:3: error: " -- "$SLUICE" check "$tmp/syntax.sql"
out=$("$SLUICE" check "$tmp/syntax.sql" 2>&1)
if ! grep -q '^    \^' <<<"$out"; then echo "FAIL caret: $out"; fails=$((fails + 1)); else echo "ok   caret"; fi

printf 'CREATE TABLE t (a INT) USING csv OPTIONS (path "t.csv");\nSELECT b FROM t;\n' >"$tmp/unknown.sql"
expect unknown-column 1 "unknown.sql:2:8: error: cannot resolve column 'b'" -- "$SLUICE" check "$tmp/unknown.sql"
printf "SELECT 1 + 'a' || x FROM (VALUES (1)) v(y);\n" >"$tmp/type.sql"
expect analysis-error 1 "type.sql:1:[0-9]+: error" -- "$SLUICE" check "$tmp/type.sql"
printf "SELECT \${n} + 1;\n" >"$tmp/def.sql"
expect define-substitution 0 "ok" -- "$SLUICE" check "$tmp/def.sql" --define n=41
expect run-select 0 "^\\| +42\\|$" -- "$SLUICE" run "$tmp/def.sql" --define n=41

# --timings: one line per statement on stderr, then the total (with parse); stdout unchanged.
printf "SET sluice.codegen.optLevel = 2;\nSELECT a * 2 FROM VALUES (1), (2) AS t(a) WHERE a > 1;\n" >"$tmp/timed.sql"
err=$("$SLUICE" run --timings "$tmp/timed.sql" 2>&1 >"$tmp/timed.out"); rc=$?
ms='[0-9]+\.[0-9] ms'
phases="analyze $ms, optimize $ms, plan $ms, codegen $ms, jit $ms, execute $ms"
if [ "$rc" -ne 0 ] || ! grep -qE "^timings: statement 1 \(line 1\): $phases$" <<<"$err" \
  || ! grep -qE "^timings: statement 2 \(line 2\): $phases$" <<<"$err" \
  || ! grep -qE "^timings: total \(2 statements\): parse $ms, $phases$" <<<"$err" \
  || grep -qE "^timings: statement 2 .* jit 0\.0 ms" <<<"$err" \
  || ! grep -qE "^\| +4\|$" "$tmp/timed.out" || grep -q timings "$tmp/timed.out"; then
  echo "FAIL run-timings: exit $rc, stderr:"; echo "$err"; cat "$tmp/timed.out"; fails=$((fails + 1))
else echo "ok   run-timings"; fi
expect run-csv 0 "^device_id,zip_code,start_time,what$" -- "$SLUICE" run samples/nest/sightings_preview.sql --format csv
expect run-json 0 '^\{"device_id":"cam-0001","zip_code":"94110","start_time":"2016-12-29T00:05:00.000Z","what":"person"\}$' -- "$SLUICE" run samples/nest/sightings_preview.sql --format json
# --format json writes each row as Spark's to_json of it: nested values as JSON, NULL columns
# and struct fields left out, timestamps in the session zone, years past 9999 with a `+`.
expect run-json-nested 0 '^\{"a":\[1,null,3\],"s":\{"x":1,"y":\["b"\]\},"m":\{"k":\{"z":true\}\},"e":\[\]\}$' -- "$SLUICE" run --format json -e "SELECT array(1, NULL, 3) AS a, named_struct('x', 1, 'y', array('b'), 'n', CAST(NULL AS INT)) AS s, map('k', named_struct('z', true)) AS m, array() AS e, CAST(NULL AS STRING) AS gone"
expect run-json-time 0 '^\{"ts":"2016-12-29T00:05:00.000-08:00","d":"\+10000-01-01","f":1.5,"dec":2.50\}$' -- "$SLUICE" run --format json -e "SET spark.sql.session.timeZone = America/Los_Angeles; SELECT TIMESTAMP '2016-12-29 00:05:00' AS ts, date_add(DATE '9999-12-31', 1) AS d, 1.5D AS f, CAST(2.5 AS DECIMAL(3,2)) AS dec"
expect run-json-rows 0 '^\{"v":\[2,3\]\}$' -- "$SLUICE" run --format json -e "SELECT array(x, x + 1) AS v FROM VALUES (1), (2) AS t(x) WHERE x > 1"
# Results are printed as each statement finishes: a run-time error in a later statement keeps
# the earlier results on stdout.
out=$("$SLUICE" run -e "SELECT 41 + 1 AS answer; SET spark.sql.ansi.enabled = true; SELECT CAST(v AS INT) + 2147483647 FROM VALUES ('1') AS t(v)" 2>/dev/null); rc=$?
if [ "$rc" -ne 0 ] && grep -q "| *42|" <<<"$out"; then echo "ok   run-streams-results"; else echo "FAIL run-streams-results (rc $rc): $out"; fails=$((fails + 1)); fi
expect run-bad-format 2 "format must be" -- "$SLUICE" run samples/nest/sightings_preview.sql --format xml
expect run-preview 0 "cam-0003\|   94105\|2016-12-29 01:42:00\|person \+ sound" -- "$SLUICE" run samples/nest/sightings_preview.sql
out=$("$SLUICE" run samples/nest/sightings_preview.sql 2>&1)
if grep -q "cam-0002\|cam-0004" <<<"$out"; then echo "FAIL run-preview-filter: $out"; fails=$((fails + 1)); else echo "ok   run-preview-filter"; fi
expect run-ui-bad-address 1 "UI address 'host:x': the port must be a number" -- "$SLUICE" run samples/nest/sightings_preview.sql --ui=host:x
expect run-ui-stderr 0 "^sluice: web UI at http://127\.0\.0\.1:[0-9]+/" -- "$SLUICE" run --ui 0 samples/nest/sightings_preview.sql

[ "$fails" -eq 0 ] && echo "all cli tests passed" || { echo "$fails cli test(s) failed"; exit 1; }
