#!/usr/bin/env bash
# Parquet cross-checks with an independent engine, DuckDB (@duckdb/node-api, installed by
# tools/test_peers.sh into <build>/test-peers):
#  (a) sluice writes every type, nested with NULLs at every level, with none / snappy / zstd /
#      gzip and with and without dictionaries; DuckDB must read the same types and values;
#  (b) DuckDB writes every type (dictionary-encoded low-cardinality and plain high-cardinality
#      columns, several row groups, four codecs); sluice must read the same values.
# Without DuckDB the test is skipped (exit 77), except under CI=true, where it fails.
# Usage: parquet_duckdb_test.sh <parquet_tool> <test-peers dir>
set -euo pipefail
TOOL=$1
PEERS=$2
HERE="$(cd "$(dirname "$0")" && pwd)"
CHECK="$HERE/parquet_duckdb_check.mjs"

if ! command -v node >/dev/null 2>&1 || [ ! -d "$PEERS/node_modules/@duckdb/node-api" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "FAIL: DuckDB (@duckdb/node-api) is not installed in $PEERS; run tools/test_peers.sh" >&2
    exit 1
  fi
  echo "SKIP: DuckDB not installed in $PEERS (bash tools/test_peers.sh installs it)"
  exit 77
fi

WORK=$(mktemp -d /tmp/sluice-parquet-duckdb.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# ---- (a) sluice writes, DuckDB reads -------------------------------------------------------
DDL='b BOOLEAN, t TINYINT, s SMALLINT, i INT, l BIGINT, f FLOAT, d DOUBLE, d1 DECIMAL(5,2), d2 DECIMAL(15,3), d3 DECIMAL(30,4), str STRING, dt DATE, ts TIMESTAMP, st STRUCT<a: INT, b: STRING, c: STRUCT<x: DOUBLE>>, arr ARRAY<INT>, people ARRAY<STRUCT<name: STRING, id: INT>>, m MAP<STRING, INT>, aa ARRAY<ARRAY<INT>>, ms MAP<STRING, STRUCT<x: ARRAY<STRING>>>'
DUCK_TYPES='BOOLEAN,TINYINT,SMALLINT,INTEGER,BIGINT,FLOAT,DOUBLE,DECIMAL(5,2),DECIMAL(15,3),DECIMAL(30,4),VARCHAR,DATE,TIMESTAMP WITH TIME ZONE,STRUCT(a INTEGER, b VARCHAR, c STRUCT(x DOUBLE)),INTEGER[],STRUCT("name" VARCHAR, id INTEGER)[],MAP(VARCHAR, INTEGER),INTEGER[][],MAP(VARCHAR, STRUCT(x VARCHAR[]))'
cat > "$WORK/rows.json" <<'ROWS'
{"b":true,"t":-128,"s":32767,"i":-2147483648,"l":9223372036854775807,"f":1.5,"d":-2.25,"d1":-123.45,"d2":123456789012.345,"d3":"-12345678901234567890123456.7891","str":"héllo","dt":"2024-02-29","ts":"2024-02-29T12:34:56.123456Z","st":{"a":1,"b":"x","c":{"x":0.5}},"arr":[1,null,3],"people":[{"name":"ann","id":1},null,{"name":null,"id":2}],"m":{"k1":1,"k2":null},"aa":[[1,2],[],null,[null]],"ms":{"a":{"x":["p",null]},"b":null,"c":{"x":null},"d":{"x":[]}}}
{"b":false,"t":127,"s":-32768,"i":0,"l":-1,"f":-0.1,"d":1e300,"d1":0,"d2":-1,"d3":"99999999999999999999999999.9999","str":"","dt":"1969-12-31","ts":"1900-01-01T00:00:00Z","st":{"a":null,"b":null,"c":null},"arr":[],"people":[],"m":{},"aa":[],"ms":{}}
{"st":null,"arr":null,"people":null,"m":null,"aa":null,"ms":null}
{"b":true,"str":"zzz","st":{"c":{"x":null}},"arr":[null],"people":[{}],"aa":[[null,null]]}
ROWS
# Many rows too, so that pages, row groups and dictionaries are exercised.
for n in $(seq 1 2000); do
  echo "{\"i\":$n,\"str\":\"v$((n % 7))\",\"l\":$((n * 7919)),\"arr\":[$n,$((n + 1))],\"m\":{\"k$((n % 3))\":$n}}"
done >> "$WORK/rows.json"
for codec in none snappy zstd gzip; do
  for dict in true false; do
    f="$WORK/sluice_${codec}_${dict}.parquet"
    "$TOOL" write "$DDL" "$WORK/rows.json" "$f" compression=$codec parquet.enable.dictionary=$dict \
      parquet.block.size=20000 parquet.page.size=4096
    "$TOOL" dump "$f" | tail -n +2 > "$WORK/sluice_${codec}_${dict}.jsonl"
    node "$CHECK" "$PEERS" read "$f" "$WORK/sluice_${codec}_${dict}.jsonl" "$DUCK_TYPES"
  done
done
# The dump of sluice's own reading is only trusted because DuckDB agrees with it; the values
# must also be the input's: spot-check the first rows against hand-written expectations.
head -c 200 "$WORK/sluice_zstd_true.jsonl" | grep -q '"t":"-128","s":"32767","i":"-2147483648","l":"9223372036854775807"'
grep -q '"ms":\[\["a",{"x":\["p",null\]}\],\["b",null\],\["c",{"x":null}\],\["d",{"x":\[\]}\]\]' "$WORK/sluice_none_false.jsonl"
echo "(a) DuckDB reads what sluice writes: 8 files agree"

# ---- (b) DuckDB writes, sluice reads --------------------------------------------------------
node "$CHECK" "$PEERS" write "$WORK"
for codec in zstd snappy uncompressed gzip; do
  "$TOOL" dump "$WORK/duck_$codec.parquet" > "$WORK/duck_$codec.dump"
  head -1 "$WORK/duck_$codec.dump" | grep -q '^struct<id:int,b:boolean,t:tinyint,s:smallint,l:bigint,f:float,d:double,d9:decimal(9,2),d18:decimal(18,3),d38:decimal(38,4),low:string,high:string,bin:binary,dt:date,ts:timestamp,ts_local:timestamp_ntz,u8:smallint,u32:bigint,arr:array<bigint>,people:array<struct<name:string,id:bigint>>,st:struct<a:bigint,b:array<array<string>>>,m:map<string,struct<v:bigint>>>$' ||
    { echo "unexpected schema: $(head -1 "$WORK/duck_$codec.dump")" >&2; exit 1; }
  tail -n +2 "$WORK/duck_$codec.dump" > "$WORK/duck_$codec.jsonl"
  node "$CHECK" "$PEERS" compare "$WORK/duck_$codec.jsonl" "$WORK/duck.expected.jsonl"
done
echo "(b) sluice reads what DuckDB writes: 4 files agree"
