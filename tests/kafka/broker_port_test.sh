#!/usr/bin/env bash
# `sluice broker --port N`: the bootstrap address is 127.0.0.1:N, kcat produces and consumes
# through it, a taken port is an error naming it, a bad port a usage error.
# usage: broker_port_test.sh path/to/sluice
set -euo pipefail
SLUICE=${1:?usage: broker_port_test.sh path/to/sluice}
if ! command -v kcat >/dev/null 2>&1; then
  echo "kcat is not on PATH; skipping"
  exit 0
fi
work=$(mktemp -d)
pid=
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A port that is free now (a few tries: another test may take one meanwhile).
for attempt in 1 2 3 4 5; do
  port=$((20000 + (RANDOM % 20000)))
  "$SLUICE" broker --port "$port" --partitions 2 --topics t --bootstrap-file "$work/bootstrap" \
    >"$work/stdout" 2>"$work/stderr" &
  pid=$!
  for _ in $(seq 1 100); do
    [[ -s "$work/bootstrap" ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  [[ -s "$work/bootstrap" ]] && break
  pid=
done
[[ -n "$pid" ]] || fail "sluice broker --port never started: $(cat "$work/stderr")"
[[ "$(cat "$work/bootstrap")" == "127.0.0.1:$port" ]] || fail "bootstrap file: $(cat "$work/bootstrap")"
sleep 0.2
[[ "$(head -n1 "$work/stdout")" == "127.0.0.1:$port" ]] || fail "stdout: $(cat "$work/stdout")"

for i in $(seq 1 20); do echo "k$((i % 5))	v$i"; done >"$work/in"
kcat -P -q -b "127.0.0.1:$port" -t t -K $'\t' <"$work/in" || fail "kcat could not produce"
kcat -C -q -b "127.0.0.1:$port" -t t -o beginning -e -f '%k\t%s\n' 2>/dev/null | sort >"$work/out"
sort "$work/in" | diff - "$work/out" >/dev/null || fail "consumed records differ: $(cat "$work/out")"

# The same port again: refused, naming it.
status=0
"$SLUICE" broker --port "$port" >/dev/null 2>"$work/err2" || status=$?
[[ $status -eq 1 ]] || fail "a taken port gave exit $status"
grep -q "cannot listen on 127.0.0.1:$port" "$work/err2" || fail "message: $(cat "$work/err2")"
status=0
"$SLUICE" broker --port 70000 >/dev/null 2>"$work/err3" || status=$?
[[ $status -eq 2 ]] || fail "--port 70000 gave exit $status"
grep -q -- "--port must be 1..65535" "$work/err3" || fail "message: $(cat "$work/err3")"

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
[[ $status -eq 0 ]] || fail "exit status $status after SIGTERM"
echo "ok"
