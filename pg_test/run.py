#!/usr/bin/env python3
"""Runs every case folder of pg_test/ against a running cluster that has the extension installed.

A case is a folder with source.sql, target.sql and expected.sql. For each case, in a database of
its own:

1. source.sql is loaded into schema "source", target.sql into schema "target";
2. migra_diff_sql('source', 'target', unsafe => true) must equal expected.sql;
3. migra_diff without unsafe must fail with SQLSTATE 2BP01 exactly when the plan has a data_loss
   hazard, and succeed otherwise;
4. the plan is applied statement by statement, each in a transaction of its own as psql's
   \\gexec (the way the README tells users to) runs them, from a session whose search_path points
   at the target schema (the plan must not depend on it); before each commit, the locks the
   statement holds (`pg_locks`) and whether its table got a new file (`relfilenode`) are held to
   the row's `lock_mode` and `table_rewrite` hazard (see apply_observing);
5. a second diff must be empty;
6. pg_dump --schema-only of both schemas must match once the schema name is swapped. The one
   difference allowed is column order (a column added to an existing table goes last, whatever
   its place in the target), so the lines inside each CREATE TABLE are compared as a set; and
   an array cast PostgreSQL itself cannot read back the same (see read_back_form) is compared in
   the form it reads back.

Every case runs a second time, in a database of its own, with `lock_safe => true`: the same
steps 2 to 6, its text held to `expected_lock_safe.sql` where the case holds one, and its rows
that cannot run in a transaction block (`non_transactional`) run bare, their locks not observed.
The passes run three at a time (`--jobs`), each in its own database; cases that create a role
(the cluster's, not the database's) run first, one at a time.

In the plain pass, `migra_diff_from_sql('source', <target.sql's text>)` must give the plan
`migra_diff('source', 'target')` gives (both without renames or "using"), and leave the whole
database as it was (`pg_dump --schema-only` before and after the call).

A case may hold `renames.json`: the `renames` argument of every call, and then each table's
rows must be there after the plan, under the table's new name.

A case may hold `using.json`: the `using` argument of every call (how a column's values convert
to its new type); `hooks.json`: the `hooks` argument of every call (statements run before or
after a row); and `after.sql`: a query over the source once the plan ran, which must return
`t` (the data is there, converted as asked).

A case may also hold a `requires` file (lines `icu`, `postgresql 15`; `#` starts a comment): on a
server without ICU or of an older version it is skipped, with a line that says why. Where
PostgreSQL NN deparses differently, `expected.pgNN.sql` is the text for NN and later.

Prints one line per case and ends with "N passed, N failed". --bless writes expected.sql from the
current output instead of comparing (on a server other than 15, expected.pgNN.sql when the text
differs): review the change in git, never edit expected.sql by hand.
Standard library only; psql and pg_dump do the talking.
"""

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CASES = Path(__file__).resolve().parent
TEMPLATE = "migra_cases_template"
TABLESPACE = "migra_space"
DATA_LOSS_SQLSTATE = "2BP01"
# The trees of a case, where migra_strip_node_tree and regexp_replace give different texts
STRIPPED_THE_SAME = """
    WITH trees AS (
      SELECT adbin::text AS tree FROM pg_attrdef
      UNION ALL SELECT conbin::text FROM pg_constraint WHERE conbin IS NOT NULL
      UNION ALL SELECT indexprs::text FROM pg_index WHERE indexprs IS NOT NULL
      UNION ALL SELECT indpred::text FROM pg_index WHERE indpred IS NOT NULL)
    SELECT count(*) FROM trees
    WHERE public.migra_strip_node_tree(tree)
          IS DISTINCT FROM regexp_replace(tree, ' :(location|vartype|vartypmod|varcollid) -?[0-9]+', '', 'g')"""


class CaseFailure(Exception):
    pass


class Cluster:
    def __init__(self, host, port, bindir):
        self.host, self.port, self.bindir = host, str(port), bindir

    def tool(self, name):
        return os.path.join(self.bindir, name) if self.bindir else name

    def run(self, args, database, search_path=None, stdin=None, check=True):
        env = dict(os.environ, PGHOST=self.host, PGPORT=self.port, PGUSER="postgres", PGDATABASE=database)
        env.pop("PGOPTIONS", None)
        if search_path is not None:
            env["PGOPTIONS"] = f"-c search_path={search_path}"
        done = subprocess.run(args, input=stdin, env=env, capture_output=True, text=True)
        if check and done.returncode != 0:
            raise CaseFailure(f"{os.path.basename(args[0])} failed: {done.stderr.strip() or done.stdout.strip()}")
        return done

    def psql(self, database, sql=None, file=None, search_path=None, single_transaction=False, check=True):
        args = [self.tool("psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose"]
        if single_transaction:
            args.append("-1")
        if file is not None:
            args += ["-f", str(file)]
        return self.run(args, database, search_path=search_path, stdin=sql, check=check)

    def query(self, database, sql):
        return self.psql(database, sql).stdout.strip()

    def dump_schema(self, database, schema, owners=False):
        args = [self.tool("pg_dump"), "--schema-only"] + ([] if owners else ["--no-owner"]) + ["-n", schema]
        return self.run(args, database).stdout


def literal(text):
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def sqlstate(stderr):
    """The SQLSTATE of the first ERROR in psql's verbose output, or None."""
    match = re.search(r"ERROR:  ([0-9A-Z]{5}): ", stderr)
    return match.group(1) if match else None


class Tests:
    """Named tests, for the runners against committed databases (remote.py, security.py,
    hostile.py, operations.py): each prints "ok <name>" or "FAIL <name>: <reason>", and
    `finish` ends with "N passed, N failed" and the exit status."""

    def __init__(self):
        self.passed, self.failed = 0, []

    def run(self, name, test):
        try:
            test()
            self.passed += 1
            print(f"ok   {name}", flush=True)
        except CaseFailure as failure:
            self.failed.append(name)
            print(f"FAIL {name}: {failure}", flush=True)
        except Exception as error:  # a bug in the test itself, or a tool missing, still ends in the tally
            self.failed.append(name)
            print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)

    def finish(self):
        if self.failed:
            print("failed: " + ", ".join(self.failed))
        print(f"{self.passed} passed, {len(self.failed)} failed")
        sys.exit(1 if self.failed else 0)


def read_back_form(line):
    """`(ARRAY['x'::t, ...])::u[]` as PostgreSQL stores it once that text is run again:
    `ARRAY[('x'::t)::u, ...]` (src/diff/normalize.rs explains). Restoring the target's own dump
    gives the second form too, so no DDL can reproduce the first: both sides are compared in the
    second."""
    out, rest = [], line
    while "(ARRAY[" in rest:
        at = rest.index("(ARRAY[")
        out.append(rest[:at])
        m = re.match(r"""\(ARRAY\[((?:E?'(?:[^'\\]|''|\\.)*'::[^,\]()]+(?:\([0-9,]+\))?(?:, )?)+)\]\)::([a-z ]+)\[\]""", rest[at:])
        if not m:
            out.append("(ARRAY[")
            rest = rest[at + len("(ARRAY["):]
            continue
        items = re.findall(r"""E?'(?:[^'\\]|''|\\.)*'::[^,\]()]+(?:\([0-9,]+\))?""", m.group(1))
        out.append("ARRAY[" + ", ".join(f"({item})::{m.group(2)}" for item in items) + "]")
        rest = rest[at + m.end():]
    out.append(rest)
    return "".join(out)


def normalised_dump(text, schema, as_schema):
    """pg_dump text with `schema` renamed to `as_schema`, without comments, settings and blank
    lines, and with the body of every CREATE TABLE sorted."""
    lines = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("--") or line.startswith("SET ") \
                or line.startswith("SELECT pg_catalog.set_config") or line.startswith("\\"):
            continue
        line = re.sub(rf'(?<![\w"$]){re.escape(schema)}\.', f"{as_schema}.", line)
        line = read_back_form(line)
        line = re.sub(rf"^(CREATE SCHEMA|ALTER SCHEMA) {re.escape(schema)}\b", rf"\1 {as_schema}", line)
        if line.startswith("ALTER DEFAULT PRIVILEGES "):
            line = re.sub(rf" IN SCHEMA {re.escape(schema)} ", f" IN SCHEMA {as_schema} ", line)
            # pg_dump before 16 writes two spaces after the kind of object ("ON TABLES  TO")
            line = re.sub(r" {2,}", " ", line)
        lines.append(line)
    result, body = [], None
    for line in lines:
        if body is not None:
            if line.startswith(")"):
                result.extend(sorted(body))
                result.append(line)
                body = None
            else:
                body.append(line.rstrip(","))
        else:
            result.append(line)
            if line.startswith("CREATE") and " TABLE " in line and line.endswith("("):
                body = []
    return result


class Server:
    """What the server the cases run on can do: its major version, and ICU."""

    def __init__(self, cluster):
        self.major = int(cluster.query("postgres", "SHOW server_version_num")) // 10000
        # ICU's locales are imported as "<locale>-x-icu" only by a build with ICU
        self.icu = cluster.query("postgres", "SELECT count(*) FROM pg_collation WHERE collname LIKE '%-x-icu'") != "0"

    def lacks(self, case):
        """Why the case cannot run here (its `requires` file: `icu`, `postgresql 15`), or None."""
        requires = case / "requires"
        if not requires.exists():
            return None
        for line in requires.read_text().splitlines():
            need = line.split("#")[0].strip()
            if need == "icu" and not self.icu:
                return "needs ICU, which this server's build lacks"
            if need.startswith("postgresql ") and self.major < int(need.split()[1]):
                return f"needs {need}"
        return None

    def expected_file(self, case, stem="expected"):
        """expected.sql, or expected.pgNN.sql for the highest NN not above this server's major
        version, where deparsed text differs between versions (`stem`: expected_lock_safe for
        the lock-safe plan)."""
        variants = sorted((int(p.name[len(f"{stem}.pg"):-len(".sql")]), p) for p in case.glob(f"{stem}.pg*.sql"))
        chosen = case / f"{stem}.sql"
        for major, path in variants:
            if major <= self.major:
                chosen = path
        return chosen


LOCK_NAMES = {
    "ACCESS SHARE": "AccessShareLock", "ROW SHARE": "RowShareLock", "ROW EXCLUSIVE": "RowExclusiveLock",
    "SHARE UPDATE EXCLUSIVE": "ShareUpdateExclusiveLock", "SHARE": "ShareLock",
    "SHARE ROW EXCLUSIVE": "ShareRowExclusiveLock", "EXCLUSIVE": "ExclusiveLock",
    "ACCESS EXCLUSIVE": "AccessExclusiveLock",
}
LOCK_ORDER = list(LOCK_NAMES)


def same_tables_read_by_both_readers(cluster, database, call):
    """The fingerprint scan (Rust, the default) and the fingerprint query (what a remote server
    runs) leave the same tables of each side to read in full: the DEBUG1 line each call gives."""
    read = {}
    for reader in ("scan", "query"):
        result = cluster.psql(database, f"SET migra.fingerprint_reader = {reader};\n"
                                        "SET client_min_messages = debug1;\n"
                                        f"SELECT count(*) FROM {call}")
        read[reader] = [line.split("migra read in full: ", 1)[1] for line in result.stderr.splitlines()
                        if "migra read in full: " in line]
    if not read["scan"]:
        raise CaseFailure("no 'migra read in full' line at DEBUG1")
    if read["scan"] != read["query"]:
        raise CaseFailure(f"the fingerprint scan reads {read['scan']}, the query {read['query']}")


def apply_observing(cluster, database, plan_call, search_path="target", rows_from=None):
    """Applies the rows of `plan_call` (a diff function's call, as SQL) in order, each statement in
    a transaction of its own, and holds each row to what the statement did before its commit
    (`rows_from`: the (cluster, database) the call runs in, when the plan is for another server,
    of any version, through migra_diff_remote):
    - `lock_mode` is the strongest lock the statement holds on `relation`, when that relation
      existed before the statement (NULL: it holds none there);
    - on a table or materialized view that existed before the plan, `table_rewrite` is among
      the hazards exactly when the statement gave it a new file (`relfilenode`).
    Raises CaseFailure naming the statement that does not apply or whose row is wrong."""
    caller, calling_database = rows_from or (cluster, database)
    rows = json.loads(caller.query(calling_database, f"""
        SELECT coalesce(json_agg(json_build_object('ordinal', ordinal, 'statement', statement,
               'relation', relation, 'lock_mode', lock_mode, 'hazards', hazards) ORDER BY ordinal), '[]')
        FROM {plan_call}"""))
    if not rows:
        return
    relations = sorted({r["relation"] for r in rows if r["relation"]})
    before_plan = {}
    if relations:
        listed = ", ".join(literal(r) for r in relations)
        found = cluster.query(database, f"""
            SELECT coalesce(json_object_agg(r.name, to_regclass(r.name)::oid), '{{}}')
            FROM unnest(ARRAY[{listed}]) r(name) WHERE to_regclass(r.name) IS NOT NULL""")
        before_plan = json.loads(found)
    script = ["\\set ON_ERROR_STOP 1"]
    for row in rows:
        if "non_transactional" in row["hazards"]:
            # cannot run in a transaction block: run bare, its locks unobserved (they end with it)
            script.append(f"\\echo 'statement {row['ordinal']}'")
            script.append(row["statement"])
            continue
        script.append("BEGIN;")
        relation = row["relation"]
        if relation:
            script.append(
                f"SELECT coalesce(c.oid, 0) AS rel_oid, coalesce(c.relfilenode, 0) AS rel_node, "
                f"coalesce(c.relkind::text, '') AS rel_kind "
                f"FROM (SELECT) one LEFT JOIN pg_catalog.pg_class c "
                f"ON c.oid = pg_catalog.to_regclass({literal(relation)}) \\gset")
        script.append(f"\\echo 'statement {row['ordinal']}'")
        script.append(row["statement"])
        if relation:
            script.append(
                f"SELECT 'observed', {row['ordinal']}, :rel_oid, :'rel_kind', coalesce((SELECT string_agg(l.mode, ',') "
                f"FROM pg_catalog.pg_locks l WHERE l.locktype = 'relation' AND l.relation = :rel_oid "
                f"AND l.pid = pg_catalog.pg_backend_pid() AND l.granted), ''), "
                f"coalesce((SELECT c.relfilenode FROM pg_catalog.pg_class c WHERE c.oid = :rel_oid), 0) <> :rel_node;")
        script.append("COMMIT;")
    done = cluster.psql(database, "\n".join(script) + "\n", search_path=search_path, check=False)
    if done.returncode != 0:
        started = re.findall(r"^statement (\d+)$", done.stdout, re.M)
        failing = rows[int(started[-1]) - 1]["statement"] if started else "?"
        error = done.stderr.strip()
        raise CaseFailure(f"the plan does not apply: {error}\nat: {failing}")
    by_ordinal = {r["ordinal"]: r for r in rows}
    wrong = []
    for line in done.stdout.splitlines():
        parts = line.split("|")
        if len(parts) != 6 or parts[0] != "observed":
            continue
        row = by_ordinal[int(parts[1])]
        oid, kind, modes, rewritten = int(parts[2]), parts[3], [m for m in parts[4].split(",") if m], parts[5] == "t"
        if oid == 0:
            continue  # the statement made the relation: nobody else can wait for it
        held = [m for m in LOCK_ORDER if LOCK_NAMES[m] in modes]
        strongest = held[-1] if held else None
        if strongest != row["lock_mode"]:
            wrong.append(f"{row['statement'].splitlines()[0]}: lock_mode says {row['lock_mode']}, "
                         f"it holds {strongest} on {row['relation']}")
        existed = before_plan.get(row["relation"]) == oid
        if existed and kind in ("r", "m", "p") and rewritten != ("table_rewrite" in row["hazards"]):
            wrong.append(f"{row['statement'].splitlines()[0]}: table_rewrite is "
                         f"{'missing' if rewritten else 'claimed'}, the table was "
                         f"{'' if rewritten else 'not '}written out again")
    if wrong:
        raise CaseFailure("rows that misstate what their statement does:\n" + "\n".join(wrong))


def run_pass(cluster, case, bless, server, lock_safe):
    """One pass of a case (its plain plan, or its lock-safe plan) in a database of its own."""
    database = ("lock_safe_" if lock_safe else "case_") + case.name
    cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"')
    cluster.psql("postgres", f'CREATE DATABASE "{database}" TEMPLATE {TEMPLATE}')
    try:
        check_case(cluster, case, database, bless, server, lock_safe)
    except CaseFailure as failure:
        if lock_safe:
            raise CaseFailure(f"lock_safe => true: {failure}") from failure
        raise
    finally:
        cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"', check=False)


def creates_roles(case):
    """Roles belong to the cluster, not to a case's database: cases that create one (if it is
    missing) run alone, before the others run side by side, so two never race to create it."""
    return any(re.search(r"\bcreate\s+role\b", (case / name).read_text(), re.IGNORECASE)
               for name in ("source.sql", "target.sql"))


def run_cases(cluster, cases, bless, server, jobs):
    """Runs each case's two passes, `jobs` passes at a time, and yields (case, failure or None)
    in the cases' order as each case's passes finish."""
    passes = [(case, lock_safe) for case in cases for lock_safe in (False, True)]

    def outcome(work):
        case, lock_safe = work
        try:
            run_pass(cluster, case, bless, server, lock_safe)
            return None
        except CaseFailure as failure:
            return failure
        except Exception as error:  # a bug in the runner or a tool missing still ends in the tally
            return CaseFailure(f"{type(error).__name__}: {error}")

    alone = [work for work in passes if creates_roles(work[0])]
    together = [work for work in passes if not creates_roles(work[0])]
    outcomes = {work: outcome(work) for work in alone}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {work: pool.submit(outcome, work) for work in together}
        for case in cases:
            failures = []
            for lock_safe in (False, True):
                work = (case, lock_safe)
                failure = outcomes[work] if work in outcomes else futures[work].result()
                if failure is not None:
                    failures.append(failure)
            yield case, (failures[0] if failures else None)


def case_options(case):
    """The extra named arguments of every call of a case (`options.json`: an object of booleans,
    numbers or strings, e.g. {"with_owners": true}), as SQL text after a comma."""
    path = case / "options.json"
    if not path.exists():
        return "", {}
    options = json.loads(path.read_text())
    def value(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return str(v)
        return literal(str(v))
    return "".join(f", {name} => {value(v)}" for name, v in options.items()), options


def check_case(cluster, case, database, bless, server, lock_safe=False):
    cluster.psql(database, "CREATE SCHEMA source; CREATE SCHEMA target;")
    cluster.psql(database, file=case / "source.sql", search_path="source", single_transaction=True)
    cluster.psql(database, file=case / "target.sql", search_path="target", single_transaction=True)

    asked = "unsafe => true, lock_safe => true" if lock_safe else "unsafe => true"
    renames = case / "renames.json"
    renamed = f", renames => {literal(renames.read_text())}::jsonb" if renames.exists() else ""
    using = case / "using.json"
    if using.exists():
        renamed += f', "using" => {literal(using.read_text())}::jsonb'
    hooks = case / "hooks.json"
    if hooks.exists():
        renamed += f", hooks => {literal(hooks.read_text())}::jsonb"
    options, named = case_options(case)
    renamed += options
    asked += renamed
    stem = "expected_lock_safe" if lock_safe else "expected"
    compared = not lock_safe or (case / f"{stem}.sql").exists()
    script = cluster.psql(database, f"SELECT public.migra_diff_sql('source', 'target', {asked})").stdout
    script = script[:-1] if script.endswith("\n") else script  # psql's own newline
    expected_file = server.expected_file(case, stem)
    if bless and server.major != 15 and expected_file.exists() and expected_file.read_text() != script:
        expected_file = case / f"{stem}.pg{server.major}.sql"  # a variant for this version
    if not compared:
        pass  # a lock-safe plan is held to its text only where the case says what it is
    elif bless:
        expected_file.write_text(script)
    elif not expected_file.exists():
        raise CaseFailure(f"no {stem}.sql: run pg_test/run.py --bless and review it")
    elif expected_file.read_text() != script:
        diff = difflib.unified_diff(expected_file.read_text().splitlines(), script.splitlines(),
                                    expected_file.name, "actual", lineterm="", n=1)
        raise CaseFailure(f"plan differs from {expected_file.name}:\n" + "\n".join(list(diff)[:40]))

    # the shortcut changes nothing: every table read in full gives the same plan
    full = cluster.psql(database, "SET migra.fingerprints = off;\n"
                                  f"SELECT public.migra_diff_sql('source', 'target', {asked})").stdout
    full = full[:-1] if full.endswith("\n") else full
    if full != script:
        diff = difflib.unified_diff(full.splitlines(), script.splitlines(), "every table read in full",
                                    "fingerprints first", lineterm="", n=1)
        raise CaseFailure("the plan differs with migra.fingerprints = off:\n" + "\n".join(list(diff)[:40]))
    same_tables_read_by_both_readers(cluster, database,
                                     f"public.migra_diff('source', 'target', unsafe => true{renamed})")

    # the fingerprint query the extension runs strips stored expressions' trees in Rust: the same
    # text as the regexp_replace a remote server runs, for every tree of the case
    differing = cluster.query(database, STRIPPED_THE_SAME).strip()
    if differing != "0":
        raise CaseFailure(f"migra_strip_node_tree and regexp_replace differ on {differing} trees")

    plan = json.loads(cluster.query(database, f"""
        SELECT coalesce(json_agg(json_build_object('statement', statement, 'hazards', hazards) ORDER BY ordinal), '[]')
        FROM public.migra_diff('source', 'target', unsafe => true{renamed})"""))
    destructive = any("data_loss" in step["hazards"] for step in plan)
    safe = cluster.psql(database, f"SELECT count(*) FROM public.migra_diff('source', 'target'{renamed})", check=False)
    if destructive and DATA_LOSS_SQLSTATE not in safe.stderr:
        raise CaseFailure(f"plan has data_loss but the safe call did not fail with {DATA_LOSS_SQLSTATE}: {safe.stderr.strip()}")
    if not destructive and safe.returncode != 0:
        raise CaseFailure(f"plan has no data_loss but the safe call failed: {safe.stderr.strip()}")

    if not lock_safe:
        check_from_sql(cluster, case, database, options)

    # Apply as a user would, from a session whose search_path would mislead unqualified DDL.
    rows_before = table_rows(cluster, database)
    apply_observing(cluster, database, f"public.migra_diff('source', 'target', {asked})")
    if renames.exists():
        # what was renamed kept its rows: each table's rows, under its new name
        tables = json.loads(renames.read_text()).get("tables", {})
        rows_after = table_rows(cluster, database)
        lost = [name for name, rows in rows_before.items() if rows_after.get(tables.get(name, name)) != rows]
        if lost:
            raise CaseFailure(f"the rows of {', '.join(lost)} are not all there after the renames")

    after = case / "after.sql"
    if after.exists():
        # what the data must be once the plan ran (converted, not lost)
        holds = cluster.psql(database, file=after, search_path="source").stdout.strip()
        if holds != "t":
            raise CaseFailure(f"after.sql does not hold after the plan (it gave {holds!r})")

    left = cluster.query(database, f"SELECT count(*) FROM public.migra_diff('source', 'target', unsafe => true{options})")
    if left != "0":
        rest = cluster.query(database, "SELECT string_agg(statement, E'\\n' ORDER BY ordinal) "
                                       f"FROM public.migra_diff('source', 'target', unsafe => true{options})")
        raise CaseFailure(f"a second diff is not empty ({left} rows):\n{rest}")

    # owners are compared too when the case asks the diff to compare them
    owners = bool(named.get("with_owners"))
    source_dump = normalised_dump(cluster.dump_schema(database, "source", owners), "source", "source")
    target_dump = normalised_dump(cluster.dump_schema(database, "target", owners), "target", "source")
    if source_dump != target_dump:
        diff = difflib.unified_diff(target_dump, source_dump, "target (renamed)", "source after plan", lineterm="", n=1)
        raise CaseFailure("pg_dump differs:\n" + "\n".join(list(diff)[:40]))


def check_from_sql(cluster, case, database, options=""):
    """migra_diff_from_sql('source', <target.sql>) gives the plan migra_diff gives between the
    two loaded schemas (neither given renames nor "using", which it does not take), and leaves
    the database as it found it: pg_dump of the whole database before and after the call."""
    def plan(call):
        return cluster.query(database, f"SELECT coalesce(string_agg(statement, E'\\n' ORDER BY ordinal), '') FROM {call}")
    def dump():
        # less pg_dump's `\restrict KEY` lines, whose key is new each run
        text = cluster.run([cluster.tool("pg_dump"), "--schema-only"], database).stdout
        return [line for line in text.splitlines() if not line.startswith(("\\restrict ", "\\unrestrict "))]
    before = dump()
    from_sql = plan(f"public.migra_diff_from_sql('source', {literal((case / 'target.sql').read_text())}, unsafe => true{options})")
    after = dump()
    if before != after:
        diff = difflib.unified_diff(before, after, "before", "after", lineterm="", n=1)
        raise CaseFailure("migra_diff_from_sql changed the database:\n" + "\n".join(list(diff)[:40]))
    between = plan(f"public.migra_diff('source', 'target', unsafe => true{options})")
    if from_sql != between:
        diff = difflib.unified_diff(between.splitlines(), from_sql.splitlines(), "migra_diff", "migra_diff_from_sql",
                                    lineterm="", n=1)
        raise CaseFailure("migra_diff_from_sql differs from migra_diff:\n" + "\n".join(list(diff)[:40]))


def table_rows(cluster, database):
    """A checksum of the rows of every table of schema "source", by table name."""
    return json.loads(cluster.query(database, """
        SELECT coalesce(json_object_agg(c.relname, (xpath('/row/m/text()', query_to_xml(format(
                 'SELECT md5(coalesce(string_agg(t::text, %L ORDER BY t::text), %L)) AS m FROM source.%I t',
                 ',', '', c.relname), false, true, '')))[1]::text), '{}')
        FROM pg_class c WHERE c.relnamespace = 'source'::regnamespace AND c.relkind = 'r'"""))


def make_tablespace(cluster):
    """The tablespace cases may store objects in: the cluster's, made once, in place (in the
    data directory's pg_tblspc, which `allow_in_place_tablespaces` allows a superuser), so that no
    directory outside the cluster is needed. A plan never makes a tablespace."""
    if cluster.query("postgres", f"SELECT count(*) FROM pg_tablespace WHERE spcname = '{TABLESPACE}'") == "0":
        cluster.psql("postgres", f"SET allow_in_place_tablespaces = on;\nCREATE TABLESPACE {TABLESPACE} LOCATION '';")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True, help="socket directory or host of the cluster")
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="", help="directory of psql and pg_dump")
    parser.add_argument("--bless", action="store_true", help="write expected.sql instead of comparing")
    parser.add_argument("--jobs", type=int, default=3,
                        help="passes run side by side, each in a database of its own (default 3)")
    parser.add_argument("cases", nargs="*", help="case folder names (default: all)")
    args = parser.parse_args()

    cluster = Cluster(args.host, args.port, args.bindir)
    every_case = sorted(p for p in CASES.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    for folder in every_case:
        if not (folder / "source.sql").exists() or not (folder / "target.sql").exists():
            print(f"FAIL {folder.name}: a case folder needs source.sql and target.sql")
            sys.exit(1)
    chosen = [p for p in every_case if not args.cases or p.name in args.cases]
    if not chosen:
        print("no case matched")
        print("0 passed, 1 failed")
        sys.exit(1)

    cluster.psql("postgres", f"DROP DATABASE IF EXISTS {TEMPLATE}")
    cluster.psql("postgres", f"CREATE DATABASE {TEMPLATE}")
    cluster.psql(TEMPLATE, "CREATE EXTENSION migra")
    make_tablespace(cluster)

    server = Server(cluster)
    passed, failed = 0, []
    runnable = []
    for case in chosen:
        reason = server.lacks(case)
        if reason:
            print(f"skip {case.name}: {reason}", flush=True)
        else:
            runnable.append(case)
    for case, failure in run_cases(cluster, runnable, args.bless, server, args.jobs):
        if failure is None:
            passed += 1
            print(f"ok   {case.name}", flush=True)
        else:
            failed.append(case.name)
            print(f"FAIL {case.name}: {failure}", flush=True)

    cluster.psql("postgres", f"DROP DATABASE IF EXISTS {TEMPLATE}", check=False)
    # the cases' tablespace goes with them: an in-place tablespace in the cluster stops a standby
    # made from it (operations.py) unless it allows them too
    cluster.psql("postgres", f"DROP TABLESPACE IF EXISTS {TABLESPACE}", check=False)
    if failed:
        print("failed cases: " + ", ".join(failed))
    print(f"{passed} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
