#!/usr/bin/env bash
# The benchmark: realistic schemas of 100, 1,000 and 10,000 tables (scripts/realistic_schema.py),
# measured by scripts/bench.py in a throwaway cluster. Prints figures; asserts nothing.
#
# Environment:
#   BENCH_SIZES     table counts, comma-separated, default "100,1000,10000"
#   BENCH_RUNS      timed runs of each measurement after a warm-up, default 5 (3 at 10,000 tables)
#   BENCH_DEV       set to 1 to measure the dev build instead of the release build
#   MIGRA_BENCH_DIR the throwaway cluster's directory, default /tmp/migra-bench. Loaded schemas
#                   stay there between runs (loading 10,000 tables twice takes minutes); remove
#                   the directory to load them again.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
. scripts/cluster.sh

SIZES=${BENCH_SIZES:-"100,1000,10000"}
RUNS=${BENCH_RUNS:-5}
WORK=${MIGRA_BENCH_DIR:-/tmp/migra-bench}
[[ $SIZES =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || { echo "scripts/bench.sh: BENCH_SIZES '$SIZES' is not a list of sizes" >&2; exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "scripts/bench.sh: BENCH_RUNS '$RUNS' is not a positive whole number" >&2; exit 2; }

mkdir -p "$WORK"
profile=release
install_args=(--pg-config "$PG_CONFIG" --release)
if [ "${BENCH_DEV:-0}" = 1 ]; then profile=dev; install_args=(--pg-config "$PG_CONFIG"); fi
say "cargo pgrx install ($profile build; a release build takes several minutes the first time)"
cargo pgrx install "${install_args[@]}" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; exit 1; }

# pg_dump locks every table of the schema in one transaction: 10,000 tables need more lock slots
# than the default 64 a connection.
CLUSTER_OPTIONS="-c max_locks_per_transaction=1024" cluster_start "$WORK"
trap 'cluster_stop "$WORK"' EXIT
say "PostgreSQL $("$PG_BIN/psql" -X -At -h "$CLUSTER_HOST" -p "$CLUSTER_PORT" -U postgres -d postgres -c 'SHOW server_version'), $profile build, $(nproc) cores, $(date -u +%F)"
python3 scripts/bench.py --host "$CLUSTER_HOST" --port "$CLUSTER_PORT" --bindir "$PG_BIN" --sizes "$SIZES" --runs "$RUNS"
