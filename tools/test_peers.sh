#!/usr/bin/env bash
# Installs the independent engines tests and benchmarks compare sluice with (never part of the
# product build): DuckDB's Node.js client (@duckdb/node-api) into <build>/test-peers.
# Idempotent: does nothing when the package is already there. Installs Debian's nodejs / npm
# first when npm is missing. Usage: bash tools/test_peers.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-${BUILD_DIR:-build}}
PEERS="$BUILD_DIR/test-peers"
DUCKDB_VERSION=${DUCKDB_NODE_VERSION:-1.5.6-r.1}

if [ -d "$PEERS/node_modules/@duckdb/node-api" ]; then
  echo "test-peers: @duckdb/node-api present in $PEERS"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "test-peers: installing Debian's nodejs and npm"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
mkdir -p "$PEERS"
echo "test-peers: npm install @duckdb/node-api@$DUCKDB_VERSION into $PEERS"
npm install --prefix "$PEERS" --no-audit --no-fund --loglevel=error "@duckdb/node-api@$DUCKDB_VERSION"
