#!/usr/bin/env bash
# Measures how long migra_diff takes on schemas of growing size, inside the server. Prints figures;
# asserts nothing about them.
#
# For each size N it loads schemas bench_a and bench_b of N tables each into a fresh database of a
# throwaway cluster (scripts/bench_schema.py writes the SQL: 8 columns of mixed types, a secondary
# index, a CHECK and a foreign key to the previous table per table; bench_b has about 10% of
# the tables changed and a couple added and dropped), then times, with clock_timestamp() in the
# server, one call at a time, each in its own transaction, after one warm-up call:
#   SELECT count(*) FROM migra_diff('bench_a', 'bench_b', unsafe => true)   -- different
#   SELECT count(*) FROM migra_diff('bench_a', 'bench_a', unsafe => true)   -- identical
# and, once, the catalog query alone (sql/catalog.sql for bench_a), to show where the time goes.
#
# Environment:
#   BENCH_SIZES    table counts, default "10 100 500 2000"
#   BENCH_RUNS     timed calls per series after the warm-up, default 5
#   BENCH_BUDGET_S seconds a series may take; when the warm-up says 5 calls would not fit, fewer
#                  are made, never fewer than 3 (the "runs" column says how many), default 60
#   BENCH_RELEASE  set to 1 to install a release build (slow to build); default: the dev build,
#                  as scripts/demo.sh installs it
#   MIGRA_BENCH_DIR the throwaway cluster's directory, default /tmp/migra-bench
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
. scripts/cluster.sh

SIZES=${BENCH_SIZES:-"10 100 500 2000"}
RUNS=${BENCH_RUNS:-5}
BUDGET_S=${BENCH_BUDGET_S:-60}
WORK=${MIGRA_BENCH_DIR:-/tmp/migra-bench}
for v in $SIZES "$RUNS" "$BUDGET_S"; do
  [[ $v =~ ^[1-9][0-9]*$ ]] || { echo "scripts/bench.sh: '$v' is not a positive whole number" >&2; exit 2; }
done

mkdir -p "$WORK"
profile=dev
install_args=(--pg-config "$PG_CONFIG")
if [ "${BENCH_RELEASE:-0}" = 1 ]; then profile=release; install_args+=(--release); fi
say "cargo pgrx install ($profile build)"
cargo pgrx install "${install_args[@]}" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; exit 1; }
# Every cluster on this machine loads the extension from this one file. Another `cargo pgrx
# install` or `cargo pgrx test` rewrites it in place, and a backend that has it loaded can then
# crash with SIGSEGV: that is worth telling apart from a crash of migra itself.
SO="$("$PG_CONFIG" --pkglibdir)/migra.so"
so_stamp() { stat -c '%y %s' "$SO" 2>/dev/null || echo missing; }
installed=$(so_stamp)
replaced() {
  [ "$(so_stamp)" = "$installed" ] && return 1
  echo "scripts/bench.sh: $SO was replaced during the run (another cargo pgrx install or test?);" \
       "a backend that had it loaded can crash, and figures may come from another build" >&2
}
cluster_start "$WORK"
trap 'cluster_stop "$WORK"' EXIT

psql() { command "$PG_BIN/psql" -X -h "$CLUSTER_HOST" -p "$CLUSTER_PORT" -U postgres "$@"; }
DB=migra_bench

# One line per size: size|tables|columns|indexes|constraints|plan_rows|runs|diff_ms|same_ms|warmup_ms|catalog_ms|doc_kb
measure() {
  psql -d "$DB" -q -At -F '|' -v ON_ERROR_STOP=1 -v runs="$RUNS" -v budget_ms="$((BUDGET_S * 1000))" -v size="$1" <<'SQL'
SET client_min_messages = warning;
\set catalog_sql `cat sql/catalog.sql`

CREATE TABLE bench_result (series text, run int, ms float8, plan_rows bigint);

-- Run 0 is the warm-up (library load, catalog caches, the catalog query's plan); then `runs`
-- calls, or as many as the budget allows by the warm-up's time, but at least 3. COMMIT after each
-- call: every call is its own transaction, as a user's would be.
CREATE PROCEDURE bench_series(series text, src text, tgt text, runs int, budget_ms float8)
LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz;
  n bigint;
  ms float8;
  planned int := runs;
BEGIN
  FOR i IN 0..runs LOOP
    EXIT WHEN i > planned;
    t0 := clock_timestamp();
    SELECT count(*) INTO n FROM migra_diff(src, tgt, unsafe => true);
    ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
    INSERT INTO bench_result VALUES (series, i, ms, n);
    COMMIT;
    IF i = 0 THEN
      planned := greatest(least(runs, floor(budget_ms / greatest(ms, 1))::int), least(runs, 3));
    END IF;
  END LOOP;
END $$;

-- The catalog query alone, for one schema, with the settings migra_diff reads it under.
CREATE FUNCTION bench_catalog(schema text, query text, OUT ms float8, OUT doc_bytes int)
LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz;
  doc text;
BEGIN
  PERFORM set_config('search_path', format('%I, pg_catalog', schema), true);
  PERFORM set_config('jit', 'off', true);
  t0 := clock_timestamp();
  EXECUTE query INTO doc USING ARRAY[schema], NULL::text[];
  ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
  doc_bytes := octet_length(doc);
END $$;

CALL bench_series('diff', 'bench_a', 'bench_b', :runs, :budget_ms);
CALL bench_series('same', 'bench_a', 'bench_a', :runs, :budget_ms);
CREATE TABLE bench_catalog_result AS SELECT * FROM bench_catalog('bench_a', :'catalog_sql');

WITH s AS (SELECT oid FROM pg_namespace WHERE nspname = 'bench_a'),
size AS (
  SELECT (SELECT count(*) FROM pg_class c, s WHERE c.relnamespace = s.oid AND c.relkind = 'r') AS tables,
         (SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid, s
           WHERE c.relnamespace = s.oid AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
         (SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid, s
           WHERE c.relnamespace = s.oid AND c.relkind = 'r') AS indexes,
         (SELECT count(*) FROM pg_constraint k, s WHERE k.connamespace = s.oid) AS constraints
),
r AS (
  SELECT series,
         max(plan_rows) FILTER (WHERE run > 0) AS plan_rows,
         count(*) FILTER (WHERE run > 0) AS runs,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE run > 0) AS median_ms,
         max(ms) FILTER (WHERE run = 0) AS warmup_ms
  FROM bench_result GROUP BY series
)
SELECT :size, size.tables, size.columns, size.indexes, size.constraints,
       d.plan_rows, least(d.runs, i.runs), round(d.median_ms::numeric, 1), round(i.median_ms::numeric, 1),
       round(d.warmup_ms::numeric, 1), round(c.ms::numeric, 1), round(c.doc_bytes / 1024.0)
FROM size, r d, r i, bench_catalog_result c
WHERE d.series = 'diff' AND i.series = 'same';
SQL
}

rows=()
for n in $SIZES; do
  started=$SECONDS
  psql -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  psql -q -d "$DB" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION migra'
  say "$n tables: loading bench_a and bench_b"
  python3 scripts/bench_schema.py "$n" | psql -q -d "$DB" -v ON_ERROR_STOP=1 >/dev/null
  loaded=$SECONDS
  say "$n tables: loaded in $((loaded - started)) s; timing migra_diff"
  log_lines=$(wc -l <"$WORK/server.log")
  if ! row=$(measure "$n"); then
    replaced || tail -n "+$((log_lines + 1))" "$WORK/server.log" | grep -h 'terminated by signal' >&2 || true
    exit 1
  fi
  rows+=("$row")
  say "$n tables: measured in $((SECONDS - loaded)) s"
  psql -q -d postgres -c "DROP DATABASE $DB"
done

echo
echo "migra_diff, $profile build, PostgreSQL $("$PG_CONFIG" --version | awk '{print $2}'), $(nproc) cores;" \
     "median of timed calls after one warm-up, server-side (clock_timestamp)"
echo "columns, indexes, constraints: of bench_a; plan rows: migra_diff('bench_a', 'bench_b', unsafe => true)"
echo "warm-up ms: the first, untimed-for-the-median call of the 'different' series"
echo "catalog ms: sql/catalog.sql alone for bench_a, one run; migra_diff reads two schemas"
echo
fmt='%7s %8s %8s %8s %12s %10s %5s %13s %13s %11s %11s %9s\n'
# shellcheck disable=SC2059
printf "$fmt" size tables columns indexes constraints "plan rows" runs "ms different" "ms identical" \
  "warm-up ms" "catalog ms" "doc KiB"
for row in "${rows[@]}"; do
  IFS='|' read -r -a f <<<"$row"
  # shellcheck disable=SC2059
  printf "$fmt" "${f[@]}"
done
replaced || true
