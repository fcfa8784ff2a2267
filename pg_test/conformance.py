#!/usr/bin/env python3
"""Runs migra's own test fixtures (shared/conformance/migra/<case>/) through migra_diff_remote.

For every case folder, against a running cluster that has the extension installed:

1. databases migra_a_<case> and migra_b_<case> are made afresh (role schemainspect_test_role is
   created first if missing); a.sql is loaded into A and b.sql into B, each in one transaction;
2. from a control database (migra_conformance, with CREATE EXTENSION migra CASCADE),
   migra_diff_remote(A, B, ...) is called with the options migra's own test used for the case;
3. the plan is applied to A, its statements in ordinal order, in one psql session;
4. the same diff again must return no rows;
5. pg_dump --schema-only --no-owner of A and of B must match once normalised as pg_test/run.py
   does (comments, settings and blank lines dropped, the body of each CREATE TABLE sorted); only
   the schemas the diff covered are dumped. Where extension versions count, (extname,
   extversion) must match too. In the create_extensions_only case migra's own rule applies
   instead: A's extensions must include B's.
6. A and B are dropped (unless --keep).

additions.sql and expected2.sql are not used yet, and neither is expected.sql: the test is that
the plan converges, not that its text is migra's.

Each case prints "converges <case>" or "FAIL <case>: <reason>". Only the cases in MUST_CONVERGE
count as failures; the rest are reported so that progress shows. Ends with
"migra conformance: N of M cases converge" and, last, "N passed, N failed" (passed: converging
cases; failed: cases of MUST_CONVERGE that did not converge). Exits 1 when one of those failed.
Standard library only; psql and pg_dump do the talking.
"""

import argparse
import difflib
import json
import os
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # leave no __pycache__ in the work tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import Cluster, normalised_dump  # noqa: E402  (pg_test/run.py, the case runner)

# Cases that use only object kinds the extension supports, so they must converge: a failure of one
# of them fails the run. Add a case here once every kind its a.sql and b.sql use is compared, so
# that it can never silently regress. The other cases still run and are reported, with the reason
# they fail, but do not count as failures.
MUST_CONVERGE = [
    "collations", "constraints", "dependencies", "dependencies2", "dependencies3", "dependencies4", "enumdefaults",
    "enumdeps", "everything", "excludeschema", "extversions", "generated", "identitycols", "privileges",
    "rls", "rls2", "seq", "singleschema", "singleschema_ext", "triggers", "triggers2", "triggers3",
    "inherit", "inherit2", "partitioning",
]

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURES = REPO.parent / "shared" / "conformance" / "migra"
CONTROL_DB = "migra_conformance"
TEST_ROLES = ["schemainspect_test_role"]  # rls uses it in a policy; `postgres` is our own superuser

# Cases that make ICU collations: skipped on a server built without ICU (the PyPI wheels).
NEEDS_ICU = {"collations"}

# Never run by migra's own tests; its expected.sql is stale (see the fixtures' README).
SKIPPED = {"generated_added": "migra's own test suite never ran it (orphan fixture, stale expected.sql)"}

DEFAULT_OPTIONS = {"unsafe": True, "with_privileges": True, "ignore_extension_versions": True}
# The flags of migra's tests/test_migra.py, per case (README of the fixtures: "Flags per case").
CASE_OPTIONS = {
    "singleschema": {"unsafe": True, "schemas": ["goodschema"], "ignore_extension_versions": True},
    "excludeschema": {"unsafe": True, "exclude_schemas": ["excludedschema"], "ignore_extension_versions": True},
    "singleschema_ext": {"unsafe": True, "create_extensions_only": True, "ignore_extension_versions": True},
    "extversions": {"unsafe": True},
}

DUMP_DIFF_LINES = 15


class CaseFailure(Exception):
    pass


def sql_literal(text):
    return "'" + text.replace("'", "''") + "'"


def sql_ident(name):
    return '"' + name.replace('"', '""') + '"'


def conninfo_value(value):
    if value and not any(c in value for c in " '\\"):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def one_line(statement):
    lines = statement.strip().splitlines() or [""]
    line = lines[0] if len(lines[0]) <= 160 else lines[0][:157] + "..."
    return line + (" ..." if len(lines) > 1 else "")


def first_error(stderr):
    """The line that says what went wrong, without psql's "psql:file:N: " prefix."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    if not lines:
        return "(no message)"
    chosen = next((line for line in lines if "ERROR:" in line or "FATAL:" in line), lines[0])
    for marker in ("ERROR:", "FATAL:"):
        if marker in chosen:
            return chosen[chosen.index(marker):]
    return chosen


class Conformance:
    def __init__(self, cluster, verbose):
        self.cluster, self.verbose = cluster, verbose

    def say(self, text):
        if self.verbose:
            print("    " + text.replace("\n", "\n    "), flush=True)

    def psql(self, database, sql=None, file=None, single_transaction=False, what="psql"):
        done = self.cluster.psql(database, sql, file=file, single_transaction=single_transaction, check=False)
        if done.stderr.strip():
            self.say(f"{what}: stderr:\n{done.stderr.strip()}")
        if done.returncode != 0:
            raise CaseFailure(f"{what}: {first_error(done.stderr or done.stdout)}")
        return done.stdout

    def conninfo(self, database):
        return " ".join(f"{key}={conninfo_value(value)}" for key, value in [
            ("host", self.cluster.host), ("port", self.cluster.port), ("dbname", database), ("user", "postgres")])

    def setup(self):
        for role in TEST_ROLES:
            self.psql("postgres", f"""DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = {sql_literal(role)}) THEN
                    CREATE ROLE {sql_ident(role)};
                END IF; END $$""", what=f"create role {role}")
        self.psql("postgres", f"DROP DATABASE IF EXISTS {sql_ident(CONTROL_DB)}", what="drop control database")
        self.psql("postgres", f"CREATE DATABASE {sql_ident(CONTROL_DB)} TEMPLATE template0", what="create control database")
        self.psql(CONTROL_DB, "CREATE EXTENSION migra CASCADE", what="CREATE EXTENSION migra CASCADE")
        # Versions of migra older than migra_diff_remote do not require dblink yet.
        self.psql(CONTROL_DB, "CREATE EXTENSION IF NOT EXISTS dblink", what="CREATE EXTENSION dblink")

    def teardown(self):
        self.cluster.psql("postgres", f"DROP DATABASE IF EXISTS {sql_ident(CONTROL_DB)}", check=False)

    def diff(self, a, b, options):
        args = [sql_literal(self.conninfo(a)), sql_literal(self.conninfo(b))]
        for name, value in options.items():
            if isinstance(value, bool):
                args.append(f"{name} => {'true' if value else 'false'}")
            else:
                args.append(f"{name} => ARRAY[{', '.join(sql_literal(v) for v in value)}]::text[]")
        sql = f"""SELECT coalesce(json_agg(json_build_object('ordinal', ordinal, 'kind', kind, 'identity', identity,
                      'action', action, 'statement', statement, 'hazards', hazards) ORDER BY ordinal), '[]')
                  FROM migra_diff_remote({', '.join(args)})"""
        return json.loads(self.psql(CONTROL_DB, sql, what="migra_diff_remote").strip())

    def dump(self, database, options):
        args = [self.cluster.tool("pg_dump"), "--schema-only", "--no-owner"]
        for schema in options.get("schemas") or []:
            args += ["-n", schema]
        for schema in options.get("exclude_schemas") or []:
            args += ["-N", schema]
        done = self.cluster.run(args, database, check=False)
        if done.returncode != 0:
            raise CaseFailure(f"pg_dump {database}: {first_error(done.stderr)}")
        # No schema is renamed here: A and B use the same names.
        return normalised_dump(done.stdout, "public", "public")

    def extensions(self, database, with_versions):
        column = "extname || ' ' || extversion" if with_versions else "extname"
        return set(self.psql(database, f"SELECT {column} FROM pg_catalog.pg_extension",
                             what=f"extensions of {database}").split())

    def run_case(self, folder, keep):
        case = folder.name
        a, b = f"migra_a_{case}", f"migra_b_{case}"
        options = CASE_OPTIONS.get(case, DEFAULT_OPTIONS)
        try:
            for database in (a, b):
                self.psql("postgres", f"DROP DATABASE IF EXISTS {sql_ident(database)}", what=f"drop {database}")
                self.psql("postgres", f"CREATE DATABASE {sql_ident(database)} TEMPLATE template0", what=f"create {database}")
            self.psql(a, file=folder / "a.sql", single_transaction=True, what="load a.sql")
            self.psql(b, file=folder / "b.sql", single_transaction=True, what="load b.sql")
            self.check(case, a, b, options)
        finally:
            if not keep:
                for database in (a, b):
                    self.cluster.psql("postgres", f"DROP DATABASE IF EXISTS {sql_ident(database)}", check=False)

    def check(self, case, a, b, options):
        plan = self.diff(a, b, options)
        self.say(f"plan ({len(plan)} statements):\n" + "\n".join(step["statement"] for step in plan))

        with tempfile.NamedTemporaryFile("w", prefix=f"migra_plan_{case}_", suffix=".sql", delete=False) as script:
            for step in plan:
                statement = step["statement"]
                script.write(statement)
                # A lone ";" is an empty statement to psql: harmless after a terminated one.
                script.write("\n" if statement.rstrip().endswith(";") else "\n;\n")
        try:
            os.chmod(script.name, 0o644)
            self.psql(a, file=script.name, what="apply plan")
        finally:
            os.unlink(script.name)

        rest = self.diff(a, b, options)
        if rest:
            shown = "\n".join("  " + (step["statement"] if self.verbose else one_line(step["statement"]))
                              for step in (rest if self.verbose else rest[:5]))
            raise CaseFailure(f"a second diff is not empty ({len(rest)} rows):\n{shown}")

        if options.get("create_extensions_only"):
            missing = self.extensions(b, False) - self.extensions(a, False)
            if missing:
                raise CaseFailure("extensions of B missing from A: " + ", ".join(sorted(missing)))
            return

        if not options.get("ignore_extension_versions"):
            ext_a, ext_b = self.extensions(a, True), self.extensions(b, True)
            if ext_a != ext_b:
                raise CaseFailure(f"extensions differ: A has {sorted(ext_a - ext_b)}, B has {sorted(ext_b - ext_a)}")

        dump_a, dump_b = self.dump(a, options), self.dump(b, options)
        if dump_a != dump_b:
            diff = list(difflib.unified_diff(dump_b, dump_a, "B (target)", "A after plan", lineterm="", n=1))
            limit = len(diff) if self.verbose else DUMP_DIFF_LINES
            more = f"\n  ... {len(diff) - limit} more lines (--verbose shows all)" if len(diff) > limit else ""
            raise CaseFailure("pg_dump differs:\n" + "\n".join("  " + line for line in diff[:limit]) + more)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True, help="socket directory or host of the cluster")
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="", help="directory of psql and pg_dump")
    parser.add_argument("--fixtures", default=str(DEFAULT_FIXTURES),
                        help="folder of migra's case folders (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the databases migra_a_<case>, migra_b_<case>")
    parser.add_argument("--verbose", action="store_true", help="print plans, server messages and whole dump diffs")
    parser.add_argument("cases", nargs="*", help="case folder names (default: all)")
    args = parser.parse_args()

    fixtures = Path(args.fixtures)
    if not fixtures.is_dir():
        # a clone of this repository on its own has no ../shared: say so and skip, except in CI,
        # where the fixtures are part of what must pass
        if os.environ.get("CI"):
            print(f"no fixtures folder {fixtures} (CI is set: the fixtures are required)")
            print("0 passed, 1 failed")
            sys.exit(1)
        print(f"skipped: no fixtures folder {fixtures} (migra's fixtures sit beside this repository in"
              " ../shared/conformance/migra; set CI=1 to make their absence a failure)")
        print("0 passed, 0 failed")
        sys.exit(0)
    every_case = sorted(p for p in fixtures.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    names = {p.name for p in every_case}
    unknown = sorted((set(args.cases) | set(MUST_CONVERGE)) - names)
    if unknown:
        print("no such case folder: " + ", ".join(unknown))
        print("0 passed, 1 failed")
        sys.exit(1)

    cluster = Cluster(args.host, args.port, args.bindir)
    # ICU's locales are imported as "<locale>-x-icu" only by a build with ICU
    icu = cluster.query("postgres", "SELECT count(*) FROM pg_collation WHERE collname LIKE '%-x-icu'") != "0"
    chosen = []
    for folder in every_case:
        if args.cases and folder.name not in args.cases:
            continue
        if folder.name in SKIPPED:
            print(f"skip {folder.name}: {SKIPPED[folder.name]}", flush=True)
            continue
        if folder.name in NEEDS_ICU and not icu:
            print(f"skip {folder.name}: needs ICU, which this server's build lacks", flush=True)
            continue
        if not (folder / "a.sql").exists() or not (folder / "b.sql").exists():
            print(f"FAIL {folder.name}: a case folder needs a.sql and b.sql")
            print("0 passed, 1 failed")
            sys.exit(1)
        chosen.append(folder)

    conformance = Conformance(cluster, args.verbose)
    try:
        conformance.setup()
    except CaseFailure as failure:
        print(f"setup failed: {failure}")
        print("0 passed, 1 failed")
        sys.exit(1)

    converged, required_failed, other_failed = [], [], []
    try:
        for folder in chosen:
            try:
                conformance.run_case(folder, args.keep)
                converged.append(folder.name)
                print(f"converges {folder.name}", flush=True)
            except CaseFailure as failure:
                required = folder.name in MUST_CONVERGE
                (required_failed if required else other_failed).append(folder.name)
                print(f"FAIL {folder.name}: {failure}", flush=True)
    finally:
        if not args.keep:
            conformance.teardown()

    if other_failed:
        print("not converging yet (not in MUST_CONVERGE, not counted): " + ", ".join(other_failed))
    if required_failed:
        print("failed cases of MUST_CONVERGE: " + ", ".join(required_failed))
    print(f"migra conformance: {len(converged)} of {len(chosen)} cases converge")
    print(f"{len(converged)} passed, {len(required_failed)} failed")
    sys.exit(1 if required_failed else 0)


if __name__ == "__main__":
    main()
