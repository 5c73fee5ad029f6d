#!/usr/bin/env bash
# Installs the Debian packages sluice needs to build, test and run its demo.
# Idempotent and non-interactive; runs as root or through sudo.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  llvm-19-dev libzstd-dev libsnappy-dev zlib1g-dev libedit-dev libxml2-dev libffi-dev
  librdkafka-dev libsimdjson-dev libabsl-dev libre2-dev
  libboost-program-options-dev
  googletest libgtest-dev libgmock-dev
  kcat
  libpq-dev libmariadb-dev postgresql mariadb-server
  chromium
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
