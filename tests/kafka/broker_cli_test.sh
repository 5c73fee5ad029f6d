#!/usr/bin/env bash
# `sluice broker` end to end: start it with --bootstrap-file, produce and consume with kcat
# (a real external Kafka client), stop it with SIGTERM and check it exits 0.
# usage: broker_cli_test.sh path/to/sluice
set -euo pipefail
SLUICE=${1:?usage: broker_cli_test.sh path/to/sluice}
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

"$SLUICE" broker --partitions 3 --topics nest-logs,other --bootstrap-file "$work/bootstrap" \
  >"$work/stdout" 2>"$work/stderr" &
pid=$!
for _ in $(seq 1 100); do
  [[ -s "$work/bootstrap" ]] && break
  kill -0 "$pid" 2>/dev/null || fail "sluice broker exited early: $(cat "$work/stderr")"
  sleep 0.1
done
[[ -s "$work/bootstrap" ]] || fail "no bootstrap file after 10 s"
bootstrap=$(cat "$work/bootstrap")
[[ "$bootstrap" =~ ^127\.0\.0\.1:[0-9]+ ]] || fail "odd bootstrap address '$bootstrap'"
sleep 0.2
[[ "$(head -n1 "$work/stdout")" == "$bootstrap" ]] || fail "stdout does not print the address"

# Topics and partitions as asked.
meta=$(kcat -L -b "$bootstrap" -t nest-logs 2>/dev/null)
grep -q 'topic "nest-logs" with 3 partitions' <<<"$meta" || fail "metadata: $meta"

# Produce keyed JSON, consume it back.
for i in $(seq 1 30); do echo "cam$((i % 7)):{\"n\":$i}"; done >"$work/in"
kcat -P -q -b "$bootstrap" -t nest-logs -K: <"$work/in" || fail "kcat could not produce"
kcat -C -q -b "$bootstrap" -t nest-logs -o beginning -e -f '%k:%s\n' 2>/dev/null \
  | sort >"$work/out"
sort "$work/in" | diff - "$work/out" >/dev/null || fail "consumed records differ: $(cat "$work/out")"

# SIGTERM stops it cleanly.
kill -TERM "$pid"
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "still running 5 s after SIGTERM"
status=0
wait "$pid" || status=$?
pid=
[[ $status -eq 0 ]] || fail "exit status $status after SIGTERM"
echo "ok: sluice broker served kcat at $bootstrap and stopped on SIGTERM"
