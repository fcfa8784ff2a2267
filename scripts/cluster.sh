#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for the demo and the tests. Postgres refuses to run as root, so the
# cluster belongs to the unprivileged `postgres` user; it listens on a unix socket in its own
# directory only, so it clashes with no other server. Source after scripts/setup.sh.

# cluster_start DIR [PORT]: initdb (once) and start; sets CLUSTER_HOST and CLUSTER_PORT (5433 unless
# given). CLUSTER_OPTIONS adds server options (`-c name=value ...`).
cluster_start() {
  local dir=$1
  CLUSTER_HOST=$dir
  CLUSTER_PORT=${2:-5433}
  mkdir -p "$dir"
  chown postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    sudo -u postgres "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  cluster_stop "$dir"
  sudo -u postgres "$PG_BIN/pg_ctl" -w -D "$dir/data" -l "$dir/server.log" \
    -o "-p $CLUSTER_PORT -k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off ${CLUSTER_OPTIONS:-}" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
  export CLUSTER_HOST CLUSTER_PORT
}

cluster_stop() {
  local dir=$1
  if [ -f "$dir/data/postmaster.pid" ]; then
    sudo -u postgres "$PG_BIN/pg_ctl" -w -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  fi
}
