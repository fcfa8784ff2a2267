#!/usr/bin/env python3
"""ALTER EXTENSION migra UPDATE from the previous release, built from its own commit
(README, "Upgrades").

`--previous` and `--current` are `cargo pgrx package` output folders (a tree that mirrors the
server's own directories). The test installs the previous release's files into the server,
creates the extension, keeps a snapshot (and, from 0.2.0 on, a baseline), installs the current
files as a package upgrade would, runs `ALTER EXTENSION migra UPDATE`, and checks that:

- the version is the current one, and every function works, the kept snapshot and the baseline
  among them;
- the updated extension has exactly the objects of a fresh install (functions with their
  definitions and descriptions, tables, columns, constraints, indexes, configuration dumps);
- `\\df+ migra_*` shows a description for every function, updated or fresh.

Each test prints "ok <name>" or "FAIL <name>: <reason>"; the last line is "N passed, N failed".
Needs root (it writes the server's library and extension folders), as scripts/test.sh runs.
"""

import argparse
import shutil
import sys
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CaseFailure, Cluster, Tests as Runner, literal  # noqa: E402

UPDATED = "migra_upgrade_updated"
FRESH = "migra_upgrade_fresh"

# Every object of the extension, described with what defines it: the same text on both sides
# means the same extension.
MEMBERS = r"""
SELECT string_agg(line, E'\n' ORDER BY line) FROM (
  SELECT pg_describe_object(d.classid, d.objid, 0) || ': ' || coalesce(CASE d.classid
      WHEN 'pg_proc'::regclass THEN pg_get_functiondef(d.objid) || ' -- ' || coalesce(obj_description(d.objid, 'pg_proc'), '')
      WHEN 'pg_class'::regclass THEN (
        SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                          || coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), ''), ', ' ORDER BY a.attnum)
        FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        WHERE a.attrelid = d.objid AND a.attnum > 0 AND NOT a.attisdropped)
        || coalesce(' constraints ' || (SELECT string_agg(pg_get_constraintdef(c.oid), ', ' ORDER BY c.conname)
                                        FROM pg_constraint c WHERE c.conrelid = d.objid), '')
        || coalesce(' indexes ' || (SELECT string_agg(pg_get_indexdef(i.indexrelid), ', ' ORDER BY 1)
                                    FROM pg_index i WHERE i.indrelid = d.objid), '')
        || ' -- ' || coalesce(obj_description(d.objid, 'pg_class'), '')
    END, '') AS line
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND d.refclassid = 'pg_extension'::regclass
  WHERE e.extname = 'migra' AND d.deptype = 'e'
  UNION ALL
  SELECT 'configuration: ' || c::regclass::text FROM pg_extension e, unnest(e.extconfig) c WHERE e.extname = 'migra'
) members
"""


def install(package):
    """Copies a `cargo pgrx package` tree into the server's folders, as a package manager would."""
    package = Path(package)
    files = [p for p in package.rglob("*") if p.is_file()]
    if not files:
        raise CaseFailure(f"{package} holds no files")
    for source in files:
        destination = Path("/") / source.relative_to(package)
        destination.parent.mkdir(parents=True, exist_ok=True)
        # beside it, then renamed over it, as dpkg does: a backend that has the old migra.so
        # mapped keeps its file (copied over in place, the next page it touched was a SIGBUS:
        # a CI run lost its cluster to one)
        staged = destination.with_name(destination.name + ".migra-new")
        shutil.copyfile(source, staged)
        staged.replace(destination)


class Tests(Runner):
    def __init__(self, cluster, previous, current):
        super().__init__()
        self.cluster, self.previous, self.current = cluster, previous, current

    def fresh(self, database, sql):
        self.cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"')
        self.cluster.psql("postgres", f'CREATE DATABASE "{database}" TEMPLATE template0')
        self.cluster.psql(database, sql)

    def query(self, database, sql):
        return self.cluster.query(database, sql)

    def has_function(self, database, name):
        return self.query(database, f"SELECT count(*) FROM pg_proc WHERE proname = '{name}'") != "0"

    def update_from_the_previous_release(self):
        install(self.previous)
        self.fresh(UPDATED, """
            CREATE EXTENSION dblink; CREATE EXTENSION migra;
            CREATE SCHEMA app; CREATE TABLE app.orders (id int PRIMARY KEY, total numeric);
            CREATE TABLE public.kept AS SELECT migra_snapshot('{app}') AS snapshot;""")
        self.before = self.query(UPDATED, "SELECT extversion FROM pg_extension WHERE extname = 'migra'")
        self.baseline_before = self.has_function(UPDATED, "migra_baseline_save")
        if self.baseline_before:
            self.query(UPDATED, "SELECT migra_baseline_save('app', '{app}')")
            # what the update must keep as it is: a later version may write more fields
            self.baseline_text = self.query(UPDATED, "SELECT migra_baseline('app')")
        install(self.current)
        self.query(UPDATED, "ALTER EXTENSION migra UPDATE")
        after = self.query(UPDATED, "SELECT extversion FROM pg_extension WHERE extname = 'migra'")
        wanted = self.query(UPDATED, "SELECT default_version FROM pg_available_extensions WHERE name = 'migra'")
        if after != wanted or after == self.before:
            raise CaseFailure(f"version {self.before} became {after}; the current release is {wanted}")
        print(f"     migra {self.before} -> {after}")

    def every_function_works_after_the_update(self):
        if not self.baseline_before:
            self.query(UPDATED, "SELECT migra_baseline_save('app', '{app}')")
        here = f"host={self.cluster.host} port={self.cluster.port} dbname={UPDATED}"
        # a baseline saved before the update is the same document after it (and the schema has not
        # drifted from it, above); one saved after it is what a fresh snapshot is
        kept = literal(self.baseline_text) + "::jsonb" if self.baseline_before else "migra_snapshot('{app}')"
        out = self.query(UPDATED, f"""
            SELECT count(*) FROM migra_diff('app', 'app');
            SELECT migra_diff_sql('app', 'app') = '';
            SELECT count(*) FROM migra_diff_remote(NULL, '{here}');
            SELECT count(*) FROM migra_diff_snapshots((SELECT snapshot FROM kept), migra_snapshot('{{app}}'));
            SELECT count(*) FROM migra_drift((SELECT snapshot FROM kept), schemas => '{{app}}');  -- 0.1.0 snapshots have no scope
            SELECT count(*) FROM migra_drift('{here}');
            SELECT migra_assert_no_drift(migra_baseline('app'));
            SELECT migra_assert_no_drift('{here}');
            SELECT migra_log_drift(migra_baseline('app'), 'upgrade');
            SELECT migra_log_drift('{here}', 'upgrade');
            SELECT migra_baseline('app') = {kept};""")
        if out.split("\n") != ["0", "t", "0", "0", "0", "0", "", "", "0", "0", "t"]:
            raise CaseFailure(f"unexpected results after the update: {out.split(chr(10))}")

    def the_update_equals_a_fresh_install(self):
        self.fresh(FRESH, "CREATE EXTENSION migra")
        updated, fresh = self.query(UPDATED, MEMBERS), self.query(FRESH, MEMBERS)
        if updated != fresh:
            only_updated = sorted(set(updated.split("\n")) - set(fresh.split("\n")))
            only_fresh = sorted(set(fresh.split("\n")) - set(updated.split("\n")))
            raise CaseFailure(f"only after the update: {only_updated[:5]}; only in a fresh install: {only_fresh[:5]}")
        print(f"     {len(fresh.splitlines())} lines of extension objects alike")

    def every_function_has_a_description(self):
        for database in (UPDATED, FRESH):
            listing = self.cluster.psql(database, r"\df+ migra_*").stdout
            # -A -t: name|... with the description last
            rows = [line for line in listing.splitlines() if line.count("|") >= 10]
            undocumented = [row.split("|")[1] for row in rows if not row.split("|")[-1].strip()]
            if len(rows) < 13 or undocumented:
                raise CaseFailure(f"{database}: {len(rows)} functions, without a description: {undocumented}")
        print(f"     {len(rows)} functions, each with a description")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="")
    parser.add_argument("--previous", required=True, help="cargo pgrx package output of the previous release")
    parser.add_argument("--current", required=True, help="cargo pgrx package output of this checkout")
    args = parser.parse_args()

    tests = Tests(Cluster(args.host, args.port, args.bindir), args.previous, args.current)
    try:
        tests.run("the previous release updates with ALTER EXTENSION migra UPDATE", tests.update_from_the_previous_release)
        tests.run("every function works after the update; the baseline and snapshot survive",
                  tests.every_function_works_after_the_update)
        tests.run("the updated extension has exactly the objects of a fresh install", tests.the_update_equals_a_fresh_install)
        tests.run("\\df+ migra_* shows a description for every function", tests.every_function_has_a_description)
    finally:
        install(args.current)  # whatever happened, leave the current release installed
        for database in (UPDATED, FRESH):
            tests.cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"', check=False)
    tests.finish()


if __name__ == "__main__":
    main()
