#!/usr/bin/env python3
"""Security and hostile-input tests against committed databases (README, "Security model"):

- the README's drift-check example, run as written, gives no rows on equal databases (the
  caller's dblink and migra are not part of the comparison) and one difference after a change;
- a role with nothing but USAGE on the compared schemas can diff them; every function is
  SECURITY INVOKER;
- doctored, malformed, truncated, deeply nested, future and 100 MB snapshots: a clear ERROR with
  its SQLSTATE, or the documented result, never a plan with a foreign statement in it;
- NULL in every argument of every function: 22004, or the documented meaning of NULL;
- system schemas, a schema compared with itself, bad connection strings;
- names of 63 bytes with every awkward character, compared one schema against another and as
  whole databases, applied and diffed again.

Each test prints "ok <name>" or "FAIL <name>: <reason>"; the last line is "N passed, N failed".
Standard library only; psql does the talking.
"""

import argparse
import re
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CaseFailure, Cluster, Tests as Runner, literal, sqlstate  # noqa: E402

README = Path(__file__).resolve().parent.parent / "README.md"
CONTROL = "migra_security_control"
PROD = "migra_security_prod"


class Tests(Runner):
    def __init__(self, cluster):
        super().__init__()
        self.cluster = cluster

    def fresh(self, database, sql=""):
        self.cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"')
        self.cluster.psql("postgres", f'CREATE DATABASE "{database}" TEMPLATE template0')
        if sql:
            self.cluster.psql(database, sql)

    def query(self, sql, database=CONTROL):
        return self.cluster.query(database, sql)

    def expect_error(self, sql, code, database=CONTROL, mentions=None):
        done = self.cluster.psql(database, sql, check=False)
        if done.returncode == 0:
            raise CaseFailure(f"expected SQLSTATE {code}, but it succeeded: {sql[:120]} -> {done.stdout[:200]}")
        found = sqlstate(done.stderr)
        if found != code:
            raise CaseFailure(f"expected SQLSTATE {code}, got {found}: {done.stderr.strip()[:300]}")
        if mentions and mentions not in done.stderr:
            raise CaseFailure(f"the error does not mention {mentions!r}: {done.stderr.strip()[:300]}")
        return done.stderr

    # --- the README's drift check ---

    def readme_drift_check(self):
        """The example under "Drift checks" in the README, run as written: only the connection
        options are pointed at this cluster. The reference database has dblink and migra (it
        must, to call); the production database has neither."""
        text = README.read_text()
        block = re.search(r"<!-- drift-check -->\s*```sql\n(.*?)```", text, re.S)
        if not block:
            raise CaseFailure("README.md has no <!-- drift-check --> example")
        example = block.group(1)
        for option, value in (("host", self.cluster.host), ("port", self.cluster.port), ("dbname", PROD)):
            example, count = re.subn(rf"\b{option} '[^']*'", f"{option} {literal(value)}", example)
            if count != 1:
                raise CaseFailure(f"the README example sets {option} {count} times")
        schema = """CREATE TABLE public.customers (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);
                    CREATE TABLE public.orders (id bigint PRIMARY KEY, customer_id int REFERENCES public.customers,
                                                placed_at timestamptz DEFAULT now());
                    CREATE INDEX ON public.orders (placed_at);"""
        self.fresh(PROD, schema)
        self.fresh("migra_security_reference", schema + "CREATE EXTENSION migra;")
        self.cluster.psql("postgres", "DROP ROLE IF EXISTS auditor; CREATE ROLE auditor LOGIN PASSWORD 'secret'")
        statements = [s.strip() for s in example.split(";\n") if s.strip()]
        setup, check = statements[:-1], statements[-1]
        self.cluster.psql("migra_security_reference", ";\n".join(setup) + ";")
        rows = self.cluster.query("migra_security_reference", check)
        if rows:
            raise CaseFailure(f"equal databases gave rows:\n{rows}")
        self.cluster.psql(PROD, "ALTER TABLE public.orders ADD COLUMN note text")
        rows = [r for r in self.cluster.query("migra_security_reference", check).splitlines()
                if not r.startswith("setting|")]
        if len(rows) != 1 or "note" not in rows[0]:
            raise CaseFailure(f"expected one difference after a change, got: {rows}")
        self.cluster.psql("migra_security_reference", "DROP USER MAPPING FOR CURRENT_USER SERVER prod; DROP SERVER prod")

    # --- least privilege ---

    def a_role_with_usage_only_can_diff(self):
        self.fresh("migra_security_least", """
            CREATE EXTENSION migra;
            CREATE SCHEMA a; CREATE SCHEMA b;
            CREATE TABLE a.t (id int PRIMARY KEY, v text);
            CREATE TABLE b.t (id bigint PRIMARY KEY, v text NOT NULL, w int);
            CREATE INDEX ON b.t (w);
            DROP ROLE IF EXISTS migra_usage_only; CREATE ROLE migra_usage_only;
            GRANT USAGE ON SCHEMA a, b TO migra_usage_only;""")
        as_role = "SET ROLE migra_usage_only; "
        rows = self.cluster.query("migra_security_least", as_role + "SELECT count(*) FROM migra_diff('a', 'b', unsafe => true)")
        if int(rows) < 3:
            raise CaseFailure(f"the role got {rows} rows")
        same = self.cluster.query("migra_security_least", as_role + """
            SELECT count(*) FROM migra_diff_snapshots(migra_snapshot('{a}'), migra_snapshot('{a}'))""")
        if same != "0":
            raise CaseFailure(f"a snapshot against itself gave {same} rows")
        definers = self.cluster.query("migra_security_least", """
            SELECT string_agg(p.proname, ', ') FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid
            JOIN pg_extension e ON e.oid = d.refobjid
            WHERE e.extname = 'migra' AND d.deptype = 'e' AND (p.prosecdef OR p.proconfig IS NOT NULL)""")
        if definers:
            raise CaseFailure(f"functions that are not plain SECURITY INVOKER: {definers}")

    def a_read_only_transaction(self):
        """Nothing writes but the two functions made to (migra_baseline_save, migra_log_drift when
        it finds drift): every other function works inside BEGIN READ ONLY."""
        self.fresh("migra_security_ro", """
            CREATE EXTENSION migra; CREATE EXTENSION dblink;
            CREATE SCHEMA a; CREATE SCHEMA b;
            CREATE TABLE a.t (id int); CREATE TABLE b.t (id bigint PRIMARY KEY);""")
        here = literal(f"host={self.cluster.host} port={self.cluster.port} dbname=migra_security_ro")
        out = self.query(f"""
            BEGIN READ ONLY;
            SELECT count(*) FROM migra_diff('a', 'b', unsafe => true);
            SELECT count(*) FROM migra_diff_snapshots(migra_snapshot('{{a}}'), migra_snapshot('{{b}}'), unsafe => true);
            SELECT count(*) FROM migra_diff_remote(NULL, {here});
            SELECT migra_snapshot(source => {here}) = migra_snapshot();
            SELECT count(*) FROM migra_drift(migra_snapshot('{{a}}'));
            SELECT count(*) FROM migra_drift({here});
            SELECT count(*) FROM migra_assert_no_drift(migra_snapshot());
            SELECT count(*) FROM migra_drift_fleet(migra_snapshot(), ARRAY[{here}]) WHERE differences = 0;
            COMMIT;""", "migra_security_ro")
        values = out.split()
        if len(values) != 8 or int(values[0]) < 2 or int(values[1]) < 2 or values[2:] != ["0", "t", "0", "0", "1", "1"]:
            raise CaseFailure(f"unexpected results in a read-only transaction: {out.split()}")

    # --- snapshots ---

    def snapshot_cases(self):
        """(name, SQL, expected SQLSTATE); `s` is a real snapshot of schema app, `e` of nothing."""
        deep = "[" * 1000 + "]" * 1000
        base = "(SELECT s FROM snaps)"
        empty = "(SELECT e FROM snaps)"

        def doctored(path, value):
            return f"jsonb_set({base}, '{path}', {literal(value)}::jsonb)"

        diff = "SELECT count(*) FROM migra_diff_snapshots({source}, {target}, unsafe => true, with_privileges => true)"
        return [
            ("not an object", diff.format(source="'[]'", target=base), "22023"),
            ("a string", diff.format(source="'\"x\"'", target=base), "22023"),
            ("no format", diff.format(source="'{}'", target=base), "22023"),
            ("format as text", diff.format(source="'{\"format\": \"1\"}'", target=base), "22023"),
            ("a future format", diff.format(source=f"{base} || '{{\"format\": 99}}'", target=base), "22023"),
            ("truncated: no schemas", diff.format(source=f"{base} - 'schemas'", target=base), "22023"),
            ("truncated: a table without columns key", diff.format(
                source=empty, target=f"{base} #- '{{schemas,0,tables,0,columns}}'"), "22023"),
            ("a field of the wrong type", diff.format(source=empty, target=doctored("{schemas,0,tables,0,columns,0,position}", '"x"')), "22023"),
            ("nested 1,000 deep", diff.format(source=f"jsonb_build_object('format', 1, 'x', '{deep}'::jsonb)", target=base), "22023"),
            ("a type that ends the statement", diff.format(source=empty, target=doctored("{schemas,0,tables,0,columns,0,type}", '"int; DROP TABLE x; --"')), "22023"),
            ("a type with a clause after it", diff.format(source=empty, target=doctored("{schemas,0,tables,0,columns,0,type}", '"integer GENERATED ALWAYS AS (pg_terminate_backend(1)) STORED"')), "22023"),
            ("a collation with a clause", diff.format(source=empty, target=doctored("{schemas,0,tables,0,columns,1,collation}", '"\\"C\\" NOT NULL; DROP TABLE x"')), "22023"),
            ("a default that ends the statement", diff.format(source=empty, target=doctored("{schemas,0,tables,0,columns,1,default}", '"0; DROP TABLE x"')), "22023"),
            ("a default with a psql command", diff.format(source=empty, target=doctored("{schemas,0,tables,0,columns,1,default}", '"0 \\\\! touch /tmp/x"')), "22023"),
            ("a literal that std strings off reads on", diff.format(source=empty, target=doctored("{schemas,0,tables,0,columns,1,default}", '"\'\\\\\' ; DROP TABLE x; --\'"')), "22023"),
            ("a constraint that ends the statement", diff.format(source=empty, target=doctored("{schemas,0,constraints,0,definition}", '"CHECK (true)); DROP TABLE x; --"')), "22023"),
            ("an index with a comment", diff.format(source=empty, target=doctored("{schemas,0,indexes,0,definition}", '"(v) /* x */"')), "22023"),
            ("an unreadable index", diff.format(source=empty, target=doctored("{schemas,0,indexes,0,definition}", "null")), "XX000"),
            ("a privilege that is not one", diff.format(source=empty, target=doctored("{schemas,0,tables,0,privileges}", '[{"grantee": "x", "privilege": "ALL ON t TO x; DROP TABLE y; --", "grantable": false}]')), "22023"),
            ("a routine signature naming two", diff.format(source=doctored("{schemas,0,routines}", '[{"signature": "f(int), g(int)", "identity": "f(integer)", "name": "f", "kind": "f", "language": "sql", "arguments": "integer", "result": "integer", "definition": "integer) RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$", "privileges": []}]'), target=base), "22023"),
            ("a sequence type that is not one", diff.format(source=empty, target=doctored("{schemas,0,sequences,0,data_type}", '"bigint; DROP TABLE x"')), "22023"),
            ("a storage that is not one", diff.format(source=empty, target=doctored("{schemas,0,tables,0,columns,0,storage}", '"z"')), "22023"),
            ("a name longer than 63 bytes", diff.format(source=empty, target=doctored("{schemas,0,tables,0,name}", '"' + "x" * 64 + '"')), "22023"),
            ("a domain's base type that ends the statement", diff.format(source=empty, target=doctored("{schemas,0,types,0,base_type}", '"text; DROP TABLE x"')), "22023"),
            ("a domain CHECK that ends the statement", diff.format(source=empty, target=doctored("{schemas,0,types,0,constraints,0,definition}", '"CHECK (true)); DROP TABLE x; --"')), "22023"),
            ("a collation provider that is not one", diff.format(source=empty, target=doctored("{schemas,0,collations,0,provider}", '"x"')), "22023"),
            ("a trigger that ends the statement", diff.format(source=empty, target=doctored("{schemas,0,triggers,0,definition}", '"FOR EACH ROW EXECUTE FUNCTION tf(); DROP TABLE x"')), "22023"),
            ("an unreadable trigger", diff.format(source=empty, target=doctored("{schemas,0,triggers,0,definition}", "null")), "XX000"),
            ("a rule that ends the statement", diff.format(source=empty, target=doctored("{schemas,0,rules,0,definition}", '" DO INSTEAD NOTHING; DROP TABLE x"')), "22023"),
            ("a statistics object that ends the statement", diff.format(source=empty, target=doctored("{schemas,0,statistics,0,definition}", '"ON id, v FROM t; DROP TABLE x"')), "22023"),
            ("a comment on a kind that is not one", diff.format(source=empty, target=doctored("{schemas,0,comments,0,kind}", '"TABLE x IS NULL; DROP TABLE y; --"')), "22023"),
            ("a publication row filter that ends the statement", diff.format(source=empty, target=doctored("{publications}", '[{"name": "p", "all_tables": false, "insert": true, "update": true, "delete": true, "truncate": true, "via_root": false, "tables": [{"schema": "app", "name": "t", "row_filter": "true)); DROP TABLE x; --"}]}]')), "22023"),
            ("a system schema", diff.format(source=empty, target=doctored("{schemas,0,name}", '"pg_catalog"')), "22023"),
            ("a system schema asked for", "SELECT count(*) FROM migra_diff_snapshots((SELECT e FROM snaps), (SELECT e FROM snaps), schemas => '{pg_catalog}')", "22023"),
        ]

    def hostile_snapshots(self):
        self.fresh("migra_security_snapshots", """
            CREATE EXTENSION migra;
            CREATE SCHEMA app;
            CREATE TABLE app.t (id int PRIMARY KEY, v text DEFAULT 'x' CHECK (v <> ''));
            CREATE INDEX t_v ON app.t (v);
            CREATE SEQUENCE app.s;
            CREATE TABLE app.wide (id bigint GENERATED ALWAYS AS IDENTITY, a1 text DEFAULT 'a', a2 numeric(12,2) DEFAULT 0,
                                   a3 timestamptz DEFAULT now(), a4 varchar(40) COLLATE "C", a5 int[], a6 jsonb,
                                   a7 boolean NOT NULL DEFAULT false, a8 date, a9 bytea, a10 uuid, a11 interval,
                                   a12 double precision, a13 character(3), a14 inet);
            CREATE FUNCTION app.f(int) RETURNS int LANGUAGE sql AS 'SELECT 1';
            CREATE DOMAIN app.d AS text CHECK (VALUE <> '');
            CREATE TYPE app.e AS ENUM ('a', 'b');
            CREATE COLLATION app.c (provider = libc, locale = 'C');  -- libc: the wheels are built without ICU
            CREATE FUNCTION app.tf() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
            CREATE TRIGGER tg BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.tf();
            CREATE RULE r AS ON DELETE TO app.t DO INSTEAD NOTHING;
            CREATE STATISTICS app.st ON id, v FROM app.t;
            COMMENT ON TABLE app.t IS 'documented';
            CREATE SCHEMA nothing;  -- a snapshot names schemas that exist
            CREATE TABLE snaps AS SELECT migra_snapshot('{app}') AS s, migra_snapshot('{nothing}') AS e;""")
        # the real pair gives a plan: each doctored one below differs from it in one field
        rows = self.query("SELECT count(*) FROM migra_diff_snapshots((SELECT e FROM snaps), (SELECT s FROM snaps), unsafe => true)",
                          "migra_security_snapshots")
        if int(rows) < 4:
            raise CaseFailure(f"the undoctored snapshot gave {rows} rows")
        problems = []
        for name, sql, code in self.snapshot_cases():
            try:
                self.expect_error(sql, code, "migra_security_snapshots")
            except CaseFailure as failure:
                problems.append(f"{name}: {failure}")
        if problems:
            raise CaseFailure(f"{len(problems)} cases:\n  " + "\n  ".join(problems))
        print(f"     ({len(self.snapshot_cases())} doctored or malformed snapshots refused)")

    def a_100_mb_snapshot(self):
        """A snapshot of 24,000 tables of 15 columns (over 100 MB of jsonb text) against an empty one: the
        documented result (a plan), not a crash or a hang."""
        database = "migra_security_snapshots"
        self.cluster.psql(database, """
            DROP TABLE IF EXISTS big;
            CREATE TABLE big AS
            SELECT jsonb_set(s, '{schemas,0,tables}',
                             (SELECT jsonb_agg(jsonb_set(t, '{name}', to_jsonb('t' || g)))
                              FROM generate_series(1, 24000) g, jsonb_array_elements(s #> '{schemas,0,tables}') t
                              WHERE t->>'name' = 'wide')) AS s,
                   e FROM snaps;""")
        text_size = int(self.query("SELECT octet_length(s::text) FROM big", database))
        if text_size < 100 * 1000 * 1000:
            raise CaseFailure(f"the snapshot is only {text_size / 1e6:.0f} MB of text")
        started = time.monotonic()
        rows = int(self.query("SELECT count(*) FROM migra_diff_snapshots((SELECT e FROM big), (SELECT s FROM big), unsafe => true)",
                              database))
        seconds = time.monotonic() - started
        if rows < 24000:
            raise CaseFailure(f"expected a CREATE TABLE per table, got {rows} rows")
        self.cluster.psql(database, "DROP TABLE big")
        print(f"     ({text_size / 1e6:.0f} MB of text: {rows} rows in {seconds:.1f} s)")

    # --- arguments ---

    def nulls_in_every_argument(self):
        self.fresh("migra_security_nulls", "CREATE EXTENSION migra; CREATE EXTENSION dblink; CREATE SCHEMA a;")
        snap = "migra_snapshot('{a}')"
        calls = {
            "migra_diff": ["'a'", "'a'", "false"],
            "migra_diff_sql": ["'a'", "'a'", "false"],
            "migra_verify": ["'a'", "'a'", "false", "false", "'5s'::interval", "'1min'::interval"],
            "migra_diff_snapshots": [snap, snap, "NULL::text[]", "NULL::text[]", "false", "false", "false", "false", "'{dblink}'"],
            "migra_diff_remote": ["NULL", "NULL", "NULL::text[]", "NULL::text[]", "false", "false", "false", "false", "'{dblink}'"],
            "migra_snapshot": ["'{a}'", "NULL"],
            "migra_drift": [snap, "NULL::text[]", "NULL::text[]", "false", "false", "'{dblink}'"],
            "migra_assert_no_drift": [snap, "NULL::text[]", "NULL::text[]", "false", "false", "'{dblink}'"],
            "migra_log_drift": [snap, "'check'", "NULL::text[]", "NULL::text[]", "false", "false", "'{dblink}'"],
            "migra_baseline_save": ["'base'", "'{a}'", "NULL"],
            "migra_baseline": ["'base'"],
            "migra_drift_fleet": [snap, "ARRAY[]::text[]", "NULL::text[]", "NULL::text[]", "false", "false", "'{dblink}'",
                                  "8", "60"],
        }
        # NULL means something for these: this database, every schema, no schema left out
        meaningful = {("migra_diff_remote", 0), ("migra_diff_remote", 1), ("migra_diff_remote", 2),
                      ("migra_diff_remote", 3), ("migra_diff_snapshots", 2), ("migra_diff_snapshots", 3),
                      ("migra_snapshot", 0), ("migra_snapshot", 1),
                      ("migra_drift", 1), ("migra_drift", 2), ("migra_assert_no_drift", 1), ("migra_assert_no_drift", 2),
                      ("migra_log_drift", 1), ("migra_log_drift", 2), ("migra_log_drift", 3),
                      ("migra_baseline_save", 1), ("migra_baseline_save", 2),
                      ("migra_drift_fleet", 2), ("migra_drift_fleet", 3)}
        problems, checked = [], 0
        for function, arguments in calls.items():
            for position in range(len(arguments)):
                args = list(arguments)
                args[position] = "NULL"
                sql = f"SELECT count(*) FROM {function}({', '.join(args)})"
                if function in ("migra_diff_sql", "migra_snapshot", "migra_baseline"):
                    sql = f"SELECT {function}({', '.join(args)}) IS NOT NULL"
                done = self.cluster.psql("migra_security_nulls", sql, check=False)
                checked += 1
                if (function, position) in meaningful:
                    if done.returncode != 0:
                        problems.append(f"{function} argument {position + 1}: NULL has a meaning, got {done.stderr.strip()[:160]}")
                elif sqlstate(done.stderr) != "22004":
                    problems.append(f"{function} argument {position + 1}: expected 22004, got {done.stderr.strip()[:160] or done.stdout.strip()}")
        if problems:
            raise CaseFailure("\n  ".join(problems))
        print(f"     ({checked} calls, each with one NULL argument)")

    def system_schemas_and_itself(self):
        self.fresh("migra_security_args", "CREATE EXTENSION migra; CREATE EXTENSION dblink; CREATE SCHEMA a; CREATE TABLE a.t (x int);")
        for sql in ("SELECT * FROM migra_diff('pg_catalog', 'a')",
                    "SELECT * FROM migra_diff('a', 'information_schema')",
                    "SELECT * FROM migra_diff('a', 'pg_toast')",
                    "SELECT * FROM migra_diff_remote(NULL, NULL, schemas => '{pg_catalog}')",
                    "SELECT migra_snapshot('{information_schema}')"):
            self.expect_error(sql, "22023", "migra_security_args", mentions="system schema")
        same = self.query("SELECT count(*) FROM migra_diff('a', 'a')", "migra_security_args")
        if same != "0":
            raise CaseFailure(f"a schema against itself gave {same} rows")

    def bad_connection_strings(self):
        self.fresh("migra_security_conn", "CREATE EXTENSION migra; CREATE EXTENSION dblink;")
        secret = "pw-NeVeR-sHoWn-7"
        for text in (f"host=/tmp password={secret} junk", f"password='{secret}", "=x", "no_such_server",
                     f"postgres://u:{secret}@/db?novalue"):
            stderr = self.expect_error(f"SELECT * FROM migra_diff_remote({literal(text)}, NULL)", "22023", "migra_security_conn",
                                       mentions="neither a valid connection string nor the name of a foreign server")
            if secret in stderr:
                raise CaseFailure(f"the error shows the password: {stderr}")
        stderr = self.expect_error(
            f"SELECT * FROM migra_diff_remote('host=/nonexistent/dir dbname=x password={secret}', NULL)", "08001", "migra_security_conn")
        if secret in stderr:
            raise CaseFailure(f"the error shows the password: {stderr}")

    # --- names ---

    def names_of_63_bytes(self):
        """Schema, table, column, index, constraint and sequence names of exactly 63 bytes, with
        quotes, spaces, capitals, a keyword, multi-byte characters, a backslash, a dollar sign and
        SQL punctuation, through migra_diff and migra_diff_remote, applied and diffed again."""
        def name(stem):
            text = stem + ' "Q" ü select; -- $1 \\ \'x\' /* */'
            while len((text + "_").encode()) <= 63:
                text += "_"
            assert len(text.encode()) == 63, text
            return text

        def q(n):
            return '"' + n.replace('"', '""') + '"'

        src, tgt = name("Src"), name("Tgt")
        table, column, other = name("T"), name("C"), name("D")
        sql = f"""
            CREATE EXTENSION migra; CREATE EXTENSION dblink;
            CREATE SCHEMA {q(src)}; CREATE SCHEMA {q(tgt)};
            CREATE TABLE {q(src)}.{q(table)} ({q(column)} int);
            CREATE TABLE {q(tgt)}.{q(table)} ({q(column)} bigint PRIMARY KEY, {q(other)} text
                CONSTRAINT {q(name("K"))} CHECK ({q(other)} <> 'it''s \\ $$'));
            CREATE INDEX {q(name("I"))} ON {q(tgt)}.{q(table)} (lower({q(other)}));
            CREATE SEQUENCE {q(tgt)}.{q(name("S"))} OWNED BY {q(tgt)}.{q(table)}.{q(other)};"""
        self.fresh("migra_security_names", sql)
        apply = f"SELECT statement FROM migra_diff({literal(src)}, {literal(tgt)}, unsafe => true) ORDER BY ordinal \\gexec"
        self.cluster.psql("migra_security_names", apply)
        left = self.query(f"SELECT count(*) FROM migra_diff({literal(src)}, {literal(tgt)}, unsafe => true)", "migra_security_names")
        if left != "0":
            raise CaseFailure(f"a second diff of the schemas gave {left} rows")
        # back to the start, as whole databases read through dblink (and checked as untrusted text)
        self.fresh("migra_security_names2", sql.replace("CREATE EXTENSION migra; CREATE EXTENSION dblink;", ""))
        there = literal(f"host={self.cluster.host} port={self.cluster.port} dbname=migra_security_names2")
        apply = f"SELECT statement FROM migra_diff_remote(NULL, {there}, unsafe => true) ORDER BY ordinal \\gexec"
        self.cluster.psql("migra_security_names", apply)
        left = self.query(f"SELECT count(*) FROM migra_diff_remote(NULL, {there}, unsafe => true)", "migra_security_names")
        if left != "0":
            raise CaseFailure(f"a second whole-database diff gave {left} rows")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="")
    args = parser.parse_args()

    cluster = Cluster(args.host, args.port, args.bindir)
    cluster.psql("postgres", f"DROP DATABASE IF EXISTS {CONTROL}")
    cluster.psql("postgres", f"CREATE DATABASE {CONTROL}")
    cluster.psql(CONTROL, "CREATE EXTENSION dblink; CREATE EXTENSION migra;")

    tests = Tests(cluster)
    tests.run("the README's drift check gives no rows, then one difference", tests.readme_drift_check)
    tests.run("a role with USAGE only can diff; no SECURITY DEFINER", tests.a_role_with_usage_only_can_diff)
    tests.run("every function works in a read-only transaction", tests.a_read_only_transaction)
    tests.run("doctored and malformed snapshots are refused", tests.hostile_snapshots)
    tests.run("a 100 MB snapshot", tests.a_100_mb_snapshot)
    tests.run("NULL in every argument", tests.nulls_in_every_argument)
    tests.run("system schemas refused, a schema against itself empty", tests.system_schemas_and_itself)
    tests.run("bad connection strings are refused unshown", tests.bad_connection_strings)
    tests.run("names of 63 bytes with every awkward character", tests.names_of_63_bytes)

    for database in (CONTROL, PROD, "migra_security_reference", "migra_security_least", "migra_security_snapshots",
                     "migra_security_nulls", "migra_security_args", "migra_security_ro", "migra_security_conn", "migra_security_names",
                     "migra_security_names2"):
        cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"', check=False)
    cluster.psql("postgres", "DROP ROLE IF EXISTS migra_usage_only; DROP ROLE IF EXISTS auditor", check=False)
    tests.finish()


if __name__ == "__main__":
    main()
