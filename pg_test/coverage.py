#!/usr/bin/env python3
"""Honest coverage: one object of every kind `pg_dump --schema-only` can write into a schema, and
each of them either compared (the plan from an empty schema names it) or named in the WARNING
with its kind. Objects that belong to an extension are never listed.

Against a running cluster that has the extension installed: a database of its own, a schema
"everything" with the objects and an empty schema "nothing". Were there a kind of table not
compared (there is none today: foreign tables are compared), migra_diff('nothing', 'everything')
would first refuse the plan (0A000), naming each such table; then "nothing" would get the same
tables of those kinds. The diff is run with client_min_messages at WARNING: every
compared object is in the plan, every other one is named in the WARNING. Then the same for a
schema that holds only what an extension made (hstore's operators, functions and type): neither
compared nor listed.

Prints "ok <name>" or "FAIL <name>: <reason>" per check and ends with "N passed, N failed".
Standard library only; psql does the talking.
"""

import argparse
import re
import sys
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CaseFailure, Cluster  # noqa: E402

DATABASE = "migra_coverage"

# (kind as the plan or the WARNING names it, the name to find, SQL that makes it). "compared"
# objects must be named by a statement of the plan; the others by the WARNING, under their kind.
COMPARED = [
    ("table", '"everything"."t"', "CREATE TABLE t (id integer PRIMARY KEY, amount numeric CHECK (amount > 0), tags text[], mood mood, email email)"),
    ("constraint", '"t_amount_check"', None),
    ("index", '"t_lower"', "CREATE INDEX t_lower ON t (lower(email))"),
    ("sequence", '"everything"."counter"', "CREATE SEQUENCE counter"),
    ("view", '"everything"."v"', "CREATE VIEW v AS SELECT id FROM t"),
    ("materialized view", '"everything"."mv"', "CREATE MATERIALIZED VIEW mv AS SELECT id FROM t"),
    ("function", '"everything"."f"', "CREATE FUNCTION f(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1'"),
    ("procedure", '"everything"."p"', "CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1'"),
    ("aggregate", '"everything"."total"', "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer)"),
    ("enum", '"everything"."mood"', "CREATE TYPE mood AS ENUM ('ok')"),
    ("domain", '"everything"."email"', "CREATE DOMAIN email AS text CHECK (VALUE ~ '@')"),
    ("composite type", '"everything"."pair"', "CREATE TYPE pair AS (a integer, b integer)"),
    ("range type", '"everything"."floats"', "CREATE TYPE floats AS RANGE (subtype = float8)"),
    ("collation", '"everything"."bytewise"', "CREATE COLLATION bytewise (provider = libc, locale = 'C')"),  # libc: any build has it
    ("table", '"everything"."measurement"', "CREATE TABLE measurement (at date) PARTITION BY RANGE (at)"),
    ("table", '"everything"."measurement_2026"',
     "CREATE TABLE measurement_2026 PARTITION OF measurement FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"),
    ("table", '"everything"."child"', "CREATE TABLE parent (a integer); CREATE TABLE child () INHERITS (parent)"),
    ("trigger", '"audit"', "CREATE TRIGGER audit AFTER INSERT ON measurement FOR EACH STATEMENT EXECUTE FUNCTION stamp()"),
    ("trigger", '"stamp"', "CREATE TRIGGER stamp BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION stamp()"),
    ("rule", '"no_delete"', "CREATE RULE no_delete AS ON DELETE TO v DO INSTEAD NOTHING"),
    ("row level security", "ENABLE ROW LEVEL SECURITY", "ALTER TABLE t ENABLE ROW LEVEL SECURITY"),
    ("policy", '"mine"', "CREATE POLICY mine ON t USING (true)"),
    ("extended statistics", '"everything"."t_stats"', "CREATE STATISTICS t_stats ON id, amount FROM t"),
    ("comment", "COMMENT ON TABLE", "COMMENT ON TABLE t IS 'documented'"),
    # a foreign table is a table: its server is the database's, made here by hand (no extension)
    ("table", '"everything"."remote"', "CREATE FOREIGN DATA WRAPPER coverage_fdw; CREATE SERVER coverage_server FOREIGN DATA WRAPPER coverage_fdw;"
                                       " CREATE FOREIGN TABLE remote (a integer OPTIONS (column_name 'b')) SERVER coverage_server OPTIONS (table_name 'r')"),
    ("comment", "COMMENT ON FOREIGN TABLE", "COMMENT ON FOREIGN TABLE remote IS 'elsewhere'"),
]
# Compared only with_privileges, like grants: the plan names them then.
WITH_PRIVILEGES = [
    ("default privileges", 'ALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "nothing" GRANT SELECT ON TABLES TO PUBLIC;',
     "ALTER DEFAULT PRIVILEGES IN SCHEMA everything GRANT SELECT ON TABLES TO PUBLIC"),
]
# The tables of kinds not compared: a plan that would have to make one is refused. None today
# (foreign tables are compared); the check stays for a kind that may come.
TABLE_KINDS = ()
SAME_TABLES_IN_NOTHING = ""
NAMED = [
    ("shell type", "everything.unfinished", "CREATE TYPE unfinished"),
    ("operator", "everything.===(integer, integer)", "CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq)"),
    ("operator class", "everything.int_hash using hash", "CREATE OPERATOR CLASS int_hash FOR TYPE integer USING hash AS OPERATOR 1 =, FUNCTION 1 hashint4(integer)"),
    ("operator family", "everything.int_hash using hash", None),
    ("conversion", "everything.latin_to_utf", "CREATE CONVERSION latin_to_utf FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8"),
    ("text search configuration", "everything.english2", "CREATE TEXT SEARCH CONFIGURATION english2 (COPY = english)"),
    ("text search dictionary", "everything.simple2", "CREATE TEXT SEARCH DICTIONARY simple2 (TEMPLATE = simple)"),
    ("text search parser", "everything.parser2", "CREATE TEXT SEARCH PARSER parser2 (START = prsd_start, GETTOKEN = prsd_nexttoken,"
                                                   " END = prsd_end, LEXTYPES = prsd_lextype)"),
    ("text search template", "everything.template2", "CREATE TEXT SEARCH TEMPLATE template2 (LEXIZE = dsimple_lexize)"),
    # a cast belongs to no schema: it is named under its source type's
    ("cast", "everything.(pair AS text)", "CREATE CAST (pair AS text) WITH INOUT"),
    ("publication table", "everything.t in everything_pub", "CREATE PUBLICATION everything_pub FOR TABLE t"),
    # no label provider is loaded here (sepgsql needs SELinux): the label is written into the
    # catalog as a provider would write it
    ("security label", "everything.t (table, provider dummy)",
     "SET allow_system_table_mods = on; INSERT INTO pg_catalog.pg_seclabel VALUES "
     "('t'::regclass, 'pg_catalog.pg_class'::regclass, 0, 'dummy', 'classified'); RESET allow_system_table_mods"),
]


class Checks:
    def __init__(self):
        self.passed, self.failed = 0, []

    def check(self, name, ok, reason=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed.append(name)
            print(f"FAIL {name}: {reason}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="")
    args = parser.parse_args()
    cluster = Cluster(args.host, args.port, args.bindir)
    checks = Checks()
    try:
        cluster.psql("postgres", f"DROP DATABASE IF EXISTS {DATABASE}")
        cluster.psql("postgres", f"CREATE DATABASE {DATABASE}")
        statements = [sql for _, _, sql in COMPARED + NAMED + WITH_PRIVILEGES if sql]
        # the order matters: types and the trigger function before the tables that use them
        first = [s for s in statements if s.startswith(("CREATE TYPE", "CREATE DOMAIN", "CREATE COLLATION"))]
        rest = [s for s in statements if s not in first]
        script = "CREATE EXTENSION migra; CREATE SCHEMA nothing; CREATE SCHEMA everything; SET search_path = everything;\n"
        script += "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';\n"
        script += ";\n".join(first + rest) + ";\n"
        cluster.psql(DATABASE, script)
        diff = ["SET client_min_messages = warning; "
                "SELECT statement FROM migra_diff('nothing', 'everything', unsafe => true)"]
        if TABLE_KINDS:
            refused = cluster.run([cluster.tool("psql"), "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", *diff], DATABASE, check=False)
            checks.check("a plan that would make a table not compared is refused",
                         refused.returncode != 0 and "cannot plan around" in refused.stderr, refused.stderr.strip()[-300:])
            error_detail = re.search(r"ERROR:.*\nDETAIL:\s+(.*)", refused.stderr)
            error_detail = error_detail.group(1) if error_detail else ""
            for kind, name, _ in NAMED:
                if kind in TABLE_KINDS:
                    checks.check(f"refused: {kind}", f"{kind} {name.replace('everything.', 'nothing.')} (only in the target)" in error_detail,
                                 f"the ERROR does not name {name}: {error_detail!r}")
            cluster.psql(DATABASE, SAME_TABLES_IN_NOTHING)
        done = cluster.run([cluster.tool("psql"), "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", *diff], DATABASE)
        plan, warning = done.stdout, done.stderr
        for kind, needle, _ in COMPARED:
            checks.check(f"compared: {kind}", needle.replace('"everything"', '"nothing"') in plan,
                         f"no statement of the plan names {needle}")
        # the DETAIL's line "not compared: kind: names; kind: names (in source schema ..., target ...)"
        detail = re.search(r"^(?:DETAIL:\s+)?not compared: (.*)$", warning, re.MULTILINE)
        detail = detail.group(1) if detail else ""
        kinds = dict(part.split(": ", 1) for part in detail.split("; ") if ": " in part)
        for kind, name, _ in NAMED:
            checks.check(f"named: {kind}", name in kinds.get(kind, ""), f"the WARNING does not name {name} under {kind!r}: {detail!r}")
        privileged = cluster.run([cluster.tool("psql"), "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c",
                                  "SET client_min_messages = warning; SELECT statement FROM "
                                  "migra_diff('nothing', 'everything', unsafe => true, with_privileges => true)"], DATABASE)
        for kind, needle, _ in WITH_PRIVILEGES:
            checks.check(f"compared with_privileges: {kind}", needle in privileged.stdout,
                         f"no statement of the plan is {needle}")
            checks.check(f"named in the WARNING without with_privileges: {kind}", kind in warning,
                         f"the WARNING does not name {kind}: {warning!r}")
        hint = re.search(r"HINT:\s+(.*)", warning)
        checks.check("the hint lists what is compared", bool(hint) and "Compared: schema, extension, foreign-data wrapper, server, user mapping, table" in hint.group(1),
                     f"hint: {hint.group(1) if hint else None!r}")

        # an extension's objects: neither compared nor named
        cluster.psql(DATABASE, "CREATE SCHEMA ext_only; CREATE SCHEMA ext_empty; CREATE EXTENSION hstore WITH SCHEMA ext_only")
        done = cluster.run([cluster.tool("psql"), "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c",
                            "SET client_min_messages = warning; "
                            "SELECT count(*) FROM migra_diff('ext_empty', 'ext_only', unsafe => true)"], DATABASE)
        checks.check("an extension's objects are neither compared nor named",
                     done.stdout.split()[-1:] == ["0"] and "WARNING" not in done.stderr,
                     f"{done.stdout.split()[-1:]} rows, {done.stderr.strip()!r}")
    except CaseFailure as failure:
        checks.check("coverage database", False, str(failure))
    finally:
        cluster.psql("postgres", f"DROP DATABASE IF EXISTS {DATABASE}", check=False)
    if checks.failed:
        print("failed: " + ", ".join(checks.failed))
    print(f"{checks.passed} passed, {len(checks.failed)} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
