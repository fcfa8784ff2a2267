#!/usr/bin/env bash
# Sets everything up and runs every test: the Rust unit tests and #[pg_test]s (cargo pgrx test),
# then the pg_test/ cases by round trip in a throwaway cluster. Ends with one line
# "total: N passed, N failed"; exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
. scripts/cluster.sh

WORK=${MIGRA_TEST_DIR:-/tmp/migra-test}
mkdir -p "$WORK"
chown postgres "$WORK"
status=0

say "cargo pgrx test pg$PG_MAJOR (unit tests and #[pg_test]s)"
cargo pgrx test "pg$PG_MAJOR" --runas postgres --pgdata "$WORK/pgrx-data" 2>&1 | tee "$WORK/cargo-test.log" \
  || status=1
rust_passed=$(grep -o '[0-9]* passed' "$WORK/cargo-test.log" | awk '{s+=$1} END {print s+0}')
rust_failed=$(grep -o '[0-9]* failed' "$WORK/cargo-test.log" | awk '{s+=$1} END {print s+0}')
if [ "$status" != 0 ] && [ "$rust_failed" = 0 ]; then rust_failed=1; fi

say "cargo pgrx install (the extension the cases run against)"
cargo pgrx install --pg-config "$PG_CONFIG" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; exit 1; }

say "pg_test cases: expected text and round trip"
cluster_start "$WORK/cases"
trap 'cluster_stop "$WORK/cases"' EXIT
python3 pg_test/run.py --host "$CLUSTER_HOST" --port "$CLUSTER_PORT" --bindir "$PG_BIN" \
  | tee "$WORK/cases.log" || status=1
cases_passed=$(tail -n 1 "$WORK/cases.log" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
cases_failed=$(tail -n 1 "$WORK/cases.log" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')

echo
echo "rust: $rust_passed passed, $rust_failed failed"
echo "cases: ${cases_passed:-0} passed, ${cases_failed:-1} failed"
echo "total: $((rust_passed + ${cases_passed:-0})) passed, $((rust_failed + ${cases_failed:-1})) failed"
exit $status
