#!/usr/bin/env python3
"""Tests of the whole-database functions against committed databases, which a #[pg_test] (one
transaction, rolled back) cannot give: migra_diff_remote between two databases of one cluster and,
across PostgreSQL versions, with each server given as --other; snapshots against remote diffs; and a
connect timeout that holds.

Each test prints "ok <name>" or "FAIL <name>: <reason>"; the last line is "N passed, N failed".
Standard library only; psql and pg_dump do the talking.
"""

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile import SilentServer  # noqa: E402
from run import CaseFailure, Cluster, Tests as Runner, literal, normalised_dump  # noqa: E402

CONTROL = "migra_remote_control"

# Two states of one application database: the source as deployed, the target as wanted. Every
# kind whole-database mode adds shows up: schemas made and dropped, extensions, grants.
SOURCE_SQL = """
CREATE ROLE migra_reader;
CREATE EXTENSION pg_trgm;
CREATE SCHEMA legacy;
CREATE TABLE legacy.old_log (id int);
CREATE TABLE public.customers (id serial PRIMARY KEY, email text NOT NULL);
CREATE TABLE public.orders (id int PRIMARY KEY, customer_id int REFERENCES public.customers, total numeric(10,2));
GRANT SELECT ON public.orders TO migra_reader;
CREATE FUNCTION public.order_total(o public.orders) RETURNS numeric LANGUAGE sql AS 'SELECT o.total';
CREATE FUNCTION public.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER old_guard ON ddl_command_end EXECUTE FUNCTION public.log_ddl();
COMMENT ON SCHEMA legacy IS 'going';
-- default privileges: a global entry that goes away, one in a schema that is dropped with it
ALTER DEFAULT PRIVILEGES FOR ROLE migra_reader GRANT SELECT ON TABLES TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE migra_reader IN SCHEMA legacy GRANT SELECT ON SEQUENCES TO PUBLIC;
"""
TARGET_SQL = """
CREATE ROLE migra_reader;
CREATE SCHEMA billing;
CREATE EXTENSION citext WITH SCHEMA billing;
CREATE TABLE public.customers (id serial PRIMARY KEY, email billing.citext NOT NULL UNIQUE);
CREATE TABLE public.orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES public.customers,
                            total numeric(12,2), placed_at timestamptz DEFAULT now());
CREATE TABLE billing.invoices (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                               order_id bigint REFERENCES public.orders ON DELETE CASCADE);
GRANT USAGE ON SCHEMA billing TO migra_reader;
GRANT SELECT, INSERT ON public.orders TO migra_reader;
GRANT SELECT (id) ON billing.invoices TO migra_reader;
CREATE FUNCTION public.order_total(o public.orders) RETURNS numeric LANGUAGE sql AS 'SELECT o.total';
REVOKE EXECUTE ON FUNCTION public.order_total(public.orders) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.order_total(public.orders) TO migra_reader WITH GRANT OPTION;
CREATE FUNCTION public.no_drops() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER "Guard drops" ON sql_drop WHEN TAG IN ('DROP TABLE', 'DROP VIEW')
  EXECUTE FUNCTION public.no_drops();
ALTER EVENT TRIGGER "Guard drops" DISABLE;
COMMENT ON SCHEMA billing IS 'Invoices: the "billing" team''s';
COMMENT ON EXTENSION citext IS 'case-insensitive text, for e-mails';
-- default privileges: global ones that take a built-in default away, one in a new schema
ALTER DEFAULT PRIVILEGES FOR ROLE migra_reader REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE migra_reader REVOKE ALL ON TABLES FROM migra_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE migra_reader IN SCHEMA billing GRANT SELECT ON TABLES TO migra_reader WITH GRANT OPTION;
"""
ROLE_SQL = "DO $$ BEGIN CREATE ROLE migra_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
# a publication name that needs quoting
ORDERS_PUB = '"Orders ""Pub"""'


class Server:
    """One cluster, and what a test needs of it."""

    def __init__(self, name, host, port, bindir):
        self.name, self.cluster = name, Cluster(host, port, bindir)
        self.host, self.port = host, port

    def conninfo(self, database):
        return f"host={self.host} port={self.port} dbname={database} user=postgres"

    def fresh_database(self, database, sql):
        self.cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"')
        self.cluster.psql("postgres", f'CREATE DATABASE "{database}" TEMPLATE template0')
        self.cluster.psql("postgres", ROLE_SQL)
        self.cluster.psql(database, sql.replace("CREATE ROLE migra_reader;", ""), single_transaction=True)

    def drop_database(self, database):
        self.cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"', check=False)


class Tests(Runner):
    def __init__(self, local):
        super().__init__()
        self.local = local

    def control(self, sql):
        return self.local.cluster.query(CONTROL, sql)

    def plan(self, source, target, options="unsafe => true, with_privileges => true"):
        rows = self.control(f"""
            SELECT coalesce(json_agg(json_build_object('kind', kind, 'identity', identity, 'action', action,
                                                       'statement', statement, 'hazards', hazards)
                                     ORDER BY ordinal), '[]')
            FROM migra_diff_remote({literal(source)}, {literal(target)}, {options})""")
        return json.loads(rows)

    def apply(self, server, database, plan):
        script = "\n".join(step["statement"] for step in plan)
        server.cluster.psql(database, script)

    def converge(self, source_server, source_db, target_server, target_db,
                 options="unsafe => true, with_privileges => true", min_rows=10, after_apply=None, owners=False):
        """Plan, apply to the source (then `after_apply(plan)`: what a DBA does by hand after it),
        diff again, compare dumps."""
        source = source_server.conninfo(source_db)
        target = target_server.conninfo(target_db)
        plan = self.plan(source, target, options)
        if len(plan) < min_rows:
            raise CaseFailure(f"expected a real plan, got {len(plan)} rows")
        self.apply(source_server, source_db, plan)
        if after_apply is not None:
            after_apply(plan)
        left = self.plan(source, target, options)
        if left:
            raise CaseFailure("a second diff is not empty:\n" + "\n".join(s["statement"] for s in left[:8]))
        # Each database is dumped by its own server's pg_dump: the 16 and 18 wheels' pg_dump
        # prints garbage column options (pg_attver=<address>) when it dumps an older server.
        dumps = []
        for server, database in ((source_server, source_db), (target_server, target_db)):
            args = [server.cluster.tool("pg_dump"), "--schema-only", *([] if owners else ["--no-owner"]), database]
            dump = normalised_dump(server.cluster.run(args, database).stdout, "public", "public")
            if source_server is not target_server:
                # pg_dump prints the public schema's grants relative to its own version's initial
                # privileges, which PostgreSQL 15 changed; the second diff, which compares the
                # grants themselves, has already found them equal.
                # PostgreSQL 15 also gave the public schema another owner (pg_database_owner)
                dump = [line for line in dump
                        if " ON SCHEMA public " not in line and not line.startswith("ALTER SCHEMA public OWNER TO")]
                # pg_dump 15 gives a view its owner with ALTER TABLE, 16 and later with ALTER VIEW;
                # the second diff has already found the owners equal
                dump = [re.sub(r"^ALTER VIEW (\S+) OWNER TO ", r"ALTER TABLE \1 OWNER TO ", line) for line in dump]
            dumps.append(dump)
        if dumps[0] != dumps[1]:
            import difflib
            diff = difflib.unified_diff(dumps[1], dumps[0], "target", "source after plan", lineterm="", n=1)
            raise CaseFailure("pg_dump differs:\n" + "\n".join(list(diff)[:30]))
        return plan

    # --- the tests ---

    def whole_database_renames_keep_the_data(self):
        """This database (the source) renamed as `renames` says, schema and all, against
        another database: the plan renames, the rows stay, and a second diff is empty."""
        self.local.cluster.psql(CONTROL, """
            DROP SCHEMA IF EXISTS crm CASCADE; DROP SCHEMA IF EXISTS crm2 CASCADE;
            DROP SCHEMA IF EXISTS billing CASCADE;
            CREATE SCHEMA crm; CREATE TABLE crm.people (id int PRIMARY KEY, fullname text);
            INSERT INTO crm.people VALUES (1, 'Ada'), (2, 'Grace');
            CREATE SCHEMA billing;
            CREATE TABLE billing.invoices (id int PRIMARY KEY, person int REFERENCES crm.people);
            INSERT INTO billing.invoices VALUES (10, 1);""")
        self.local.fresh_database("migra_remote_b", """
            CREATE SCHEMA crm2; CREATE TABLE crm2.humans (id int PRIMARY KEY, name text);
            CREATE SCHEMA billing;
            CREATE TABLE billing.invoices (id int PRIMARY KEY, person int REFERENCES crm2.humans);""")
        renames = ('{"schemas": {"crm": "crm2"}, "tables": {"crm.people": "humans"}, '
                   '"columns": {"crm.people": {"fullname": "name"}}, '
                   '"constraints": {"crm.people": {"people_pkey": "humans_pkey"}}}')
        target = literal(self.local.conninfo("migra_remote_b"))
        call = (f"migra_diff_remote(NULL, {target}, schemas => ARRAY['crm2', 'billing'], "
                "exclude_extensions => ARRAY['dblink', 'migra']")
        plan = self.control(f"SELECT string_agg(statement, E'\\n' ORDER BY ordinal) FROM {call}, "
                            f"renames => {literal(renames)})")
        if "DROP" in plan or 'ALTER SCHEMA "crm" RENAME TO "crm2";' not in plan:
            raise CaseFailure(f"the plan does not rename:\n{plan}")
        self.local.cluster.psql(CONTROL, plan)
        left = self.control(f"SELECT count(*) FROM {call})")
        if left != "0":
            raise CaseFailure(f"a second diff is not empty: {left} rows")
        rows = self.control("SELECT string_agg(h.name || '/' || coalesce(i.id::text, '-'), ',' ORDER BY h.id) "
                            "FROM crm2.humans h LEFT JOIN billing.invoices i ON i.person = h.id")
        if rows != "Ada/10,Grace/-":
            raise CaseFailure(f"the rows are not all there: {rows}")
        self.local.cluster.psql(CONTROL, "DROP SCHEMA crm2 CASCADE; DROP SCHEMA billing CASCADE;")
        print(f"     {len(plan.splitlines())} statements; rows kept under the new names")

    def remote_diff_between_two_databases_converges(self):
        self.local.fresh_database("migra_remote_a", SOURCE_SQL)
        self.local.fresh_database("migra_remote_b", TARGET_SQL)
        plan = self.converge(self.local, "migra_remote_a", self.local, "migra_remote_b")
        if not any("ON ROUTINE" in step["statement"] for step in plan):
            raise CaseFailure("no grant on the function in the plan")
        kinds = {step["kind"] for step in plan}
        for kind in ("schema", "extension", "privilege", "default privileges", "table", "constraint"):
            if kind not in kinds:
                raise CaseFailure(f"no {kind} step in the plan: {sorted(kinds)}")

    def snapshot_diff_equals_remote_diff(self):
        self.local.fresh_database("migra_remote_a", SOURCE_SQL)
        self.local.fresh_database("migra_remote_b", TARGET_SQL)
        a, b = literal(self.local.conninfo("migra_remote_a")), literal(self.local.conninfo("migra_remote_b"))
        options = "unsafe => true, with_privileges => true"
        same = self.control(f"""
            SELECT (SELECT array_agg(row(kind, identity, action, statement, hazards)::text ORDER BY ordinal)
                    FROM migra_diff_remote({a}, {b}, {options}))
                 = (SELECT array_agg(row(kind, identity, action, statement, hazards)::text ORDER BY ordinal)
                    FROM migra_diff_snapshots(migra_snapshot(source => {a}), migra_snapshot(source => {b}), {options}))""")
        if same != "t":
            raise CaseFailure("migra_diff_snapshots of the two snapshots differs from migra_diff_remote")
        stable = self.control(f"SELECT migra_snapshot(source => {a})::text = migra_snapshot(source => {a})::text")
        if stable != "t":
            raise CaseFailure("two snapshots of one unchanged database differ")
        local = self.local.cluster.query("migra_remote_a", "SELECT 1")  # the database is there
        if local != "1":
            raise CaseFailure("source database vanished")

    def snapshot_of_a_remote_database_equals_its_local_snapshot(self):
        self.local.fresh_database("migra_remote_a", SOURCE_SQL)
        self.local.cluster.psql("migra_remote_a", "CREATE EXTENSION IF NOT EXISTS migra")
        here = self.local.cluster.query("migra_remote_a", "SELECT migra_snapshot()::text")
        there = self.control(f"SELECT migra_snapshot(source => {literal(self.local.conninfo('migra_remote_a'))})::text")
        if here != there:
            raise CaseFailure("the snapshot read through dblink differs from the one read in place")

    def a_non_superuser_needs_a_password(self):
        # dblink's rule, which nothing in migra bypasses: a non-superuser connects with a password
        self.local.cluster.psql("postgres", "DO $$ BEGIN CREATE ROLE migra_plain LOGIN; "
                                            "EXCEPTION WHEN duplicate_object THEN NULL; END $$;")
        self.local.fresh_database("migra_remote_a", SOURCE_SQL)
        target = literal(self.local.conninfo("migra_remote_a"))
        done = self.local.cluster.psql(CONTROL, f"SET ROLE migra_plain; SELECT * FROM migra_diff_remote(NULL, {target})",
                                       check=False)
        if done.returncode == 0 or "2F003" not in done.stderr:
            raise CaseFailure(f"expected dblink's 2F003 (password is required), got: {done.stderr.strip() or 'success'}")

    def unreachable_server_times_out(self):
        with SilentServer() as silent:
            started = time.monotonic()
            done = self.local.cluster.psql(
                CONTROL, f"SELECT * FROM migra_diff_remote({literal(silent.conninfo('x'))}, NULL)", check=False)
            elapsed = time.monotonic() - started
        if done.returncode == 0:
            raise CaseFailure("a server that never answers did not give an error")
        if elapsed > 30:
            raise CaseFailure(f"the call took {elapsed:.0f} s: the connect timeout did not hold")
        if "08001" not in done.stderr:
            raise CaseFailure(f"expected SQLSTATE 08001, got: {done.stderr.strip()}")
        print(f"     (gave up after {elapsed:.1f} s: {done.stderr.strip().splitlines()[0]})")

    def a_remote_diff_warns_once_naming_each_side(self):
        sql = "CREATE OPERATOR public.=== (leftarg = int, rightarg = int, function = int4eq);"
        self.local.fresh_database("migra_remote_a", sql)
        self.local.fresh_database("migra_remote_b", sql.replace("int4eq", "int4ne"))
        a, b = literal(self.local.conninfo("migra_remote_a")), literal(self.local.conninfo("migra_remote_b"))
        done = self.local.cluster.psql(CONTROL, f"SELECT count(*) FROM migra_diff_remote({a}, {b})")
        warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING:")]
        if len(warnings) != 1:
            raise CaseFailure(f"expected one WARNING, got {len(warnings)}: {done.stderr}")
        for expected in ("1 differs between the sides", "operator public.===(integer, integer) (defined otherwise)",
                         "source: host=", "dbname=migra_remote_a", "target: host="):
            if expected not in done.stderr:
                raise CaseFailure(f"the WARNING does not say {expected!r}: {done.stderr}")
        print("     " + warnings[0])

    def foreign_tables_converge_and_no_password_is_read(self):
        """A foreign table between two databases, each with the same postgres_fdw server and a
        user mapping that holds a password: the plan makes and changes the foreign tables, the
        databases converge (pg_dump equal), and the password is in no plan and no snapshot
        (the user mapping is compared, its password by name only: the same on both sides)."""
        server = ("CREATE EXTENSION postgres_fdw;\n"
                  "CREATE SERVER loopback FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'postgres');\n"
                  "CREATE USER MAPPING FOR CURRENT_USER SERVER loopback OPTIONS (user 'app', password 'pw-s3cret');\n")
        self.local.fresh_database("migra_remote_a", server + """
            CREATE FOREIGN TABLE public.remote_items (id int) SERVER loopback OPTIONS (table_name 'items');
            CREATE FOREIGN TABLE public.retired (id int) SERVER loopback;""")
        self.local.fresh_database("migra_remote_b", server + """
            CREATE FOREIGN TABLE public.remote_items (id int OPTIONS (column_name 'item_id') NOT NULL, name text)
              SERVER loopback OPTIONS (schema_name 'shop', table_name 'items');
            CREATE FOREIGN TABLE public.remote_orders (id int, total numeric CHECK (total >= 0))
              SERVER loopback OPTIONS (table_name 'orders');""")
        options = "unsafe => true, exclude_extensions => ARRAY['postgres_fdw']"
        plan = self.converge(self.local, "migra_remote_a", self.local, "migra_remote_b", options, min_rows=4)
        text = "\n".join(step["statement"] for step in plan)
        for expected in ('CREATE FOREIGN TABLE "public"."remote_orders"', 'DROP FOREIGN TABLE "public"."retired"',
                         'ALTER FOREIGN TABLE "public"."remote_items" OPTIONS (DROP table_name, '
                         "ADD schema_name 'shop', ADD table_name 'items');"):
            if expected not in text:
                raise CaseFailure(f"the plan does not say {expected!r}:\n{text}")
        snapshot = self.control(f"SELECT migra_snapshot(source => {literal(self.local.conninfo('migra_remote_b'))})::text")
        if "pw-s3cret" in text or "pw-s3cret" in snapshot:
            raise CaseFailure("a user mapping's password is in the plan or the snapshot")
        print(f"     {len(plan)} statements; no password in the plan or the snapshot")

    def publications_converge(self, source, target):
        """Publications between two databases: FOR TABLE with a column list and a row filter
        (PostgreSQL 15; a variant without them when either server is older), FOR ALL TABLES,
        FOR TABLES IN SCHEMA (15), publish options changed, FOR ALL TABLES turned on, one
        publication dropped and one made, tables added, taken out and changed, a table that the
        plan drops (which leaves its publication by itself: no ALTER names it); odd names. The
        snapshot diff is the remote diff."""
        def test():
            new = min(int(server.cluster.query("postgres", "SHOW server_version_num"))
                      for server in (source, target)) >= 150000
            tables = """
                CREATE SCHEMA shop; CREATE SCHEMA "Audit Log";
                CREATE TABLE shop.orders (id int PRIMARY KEY, total numeric, note text, secret text);
                CREATE TABLE shop.items (id int PRIMARY KEY, name text);
                CREATE TABLE "Audit Log"."Events" (id int);"""
            # a table made again (its partition key changes) leaves its publication with its DROP
            # TABLE, and is added back once made
            events_before = """
                CREATE TABLE shop.events (id int, at date) PARTITION BY RANGE (at);
                CREATE TABLE shop.events_1 PARTITION OF shop.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"""
            events_after = """
                CREATE TABLE shop.events (id int, at date) PARTITION BY LIST (id);
                CREATE TABLE shop.events_1 PARTITION OF shop.events FOR VALUES IN (1);"""
            if new:
                orders_before = "shop.orders (id, total) WHERE (total > 100)"
                orders_after = "shop.orders (id, total, note) WHERE (total > 50 AND note IS NOT NULL)"
                fresh = """shop.fresh ("Kind", id) WHERE ("Kind" <> 'x')"""
                by_schema_before = 'TABLES IN SCHEMA "Audit Log"'
                by_schema_after = "TABLES IN SCHEMA reports, TABLE shop.items"
            else:
                orders_before, orders_after, fresh = "shop.orders", "shop.orders", "shop.fresh"
                by_schema_before = 'TABLE "Audit Log"."Events"'
                by_schema_after = "TABLE reports.daily, shop.items"
            source.fresh_database("migra_remote_a", tables + events_before + f"""
                CREATE TABLE shop.old (id int PRIMARY KEY);
                CREATE PUBLICATION {ORDERS_PUB} FOR TABLE {orders_before}, shop.items, shop.old, shop.events
                  WITH (publish = 'insert, update');
                CREATE PUBLICATION everything FOR ALL TABLES;
                CREATE PUBLICATION going FOR TABLE shop.items;
                CREATE PUBLICATION toggled FOR TABLE shop.items;
                CREATE PUBLICATION by_schema FOR {by_schema_before};
                COMMENT ON PUBLICATION going IS 'goes';
                COMMENT ON PUBLICATION everything IS 'all of it';""")
            target.fresh_database("migra_remote_b", tables + events_after + f"""
                CREATE SCHEMA reports;
                CREATE TABLE reports.daily (d date);
                CREATE TABLE shop.fresh (id int PRIMARY KEY, "Kind" text);
                CREATE PUBLICATION {ORDERS_PUB} FOR TABLE {orders_after}, {fresh}, shop.events
                  WITH (publish = 'insert, update, delete, truncate', publish_via_partition_root = true);
                CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert');
                CREATE PUBLICATION toggled FOR ALL TABLES;
                CREATE PUBLICATION by_schema FOR {by_schema_after};
                CREATE PUBLICATION "new one" FOR TABLE shop.items WITH (publish = '');
                COMMENT ON PUBLICATION "new one" IS 'made: the "new" one''s';""")
            plan = self.converge(source, "migra_remote_a", target, "migra_remote_b",
                                 "unsafe => true, ignore_extension_versions => true", min_rows=8)
            text = "\n".join(step["statement"] for step in plan)
            expected = [
                'DROP PUBLICATION "going";',
                'DROP PUBLICATION "toggled";',
                'CREATE PUBLICATION "toggled" FOR ALL TABLES',
                'ALTER PUBLICATION "everything" SET (publish = \'insert\', publish_via_partition_root = false);',
                'ALTER PUBLICATION "Orders ""Pub""" DROP TABLE ONLY "shop"."items";',
                'CREATE PUBLICATION "new one" FOR TABLE ONLY "shop"."items" WITH (publish = \'\');',
                'COMMENT ON PUBLICATION "everything" IS NULL;',
                'ALTER PUBLICATION "Orders ""Pub""" ADD TABLE ONLY "shop"."events";',
            ]
            if new:
                expected += [
                    'ALTER PUBLICATION "Orders ""Pub""" ADD TABLE ONLY "shop"."fresh" ("Kind", "id") WHERE (("Kind" <> \'x\'::text));',
                    'ALTER PUBLICATION "by_schema" DROP TABLES IN SCHEMA "Audit Log";',
                    'ALTER PUBLICATION "by_schema" ADD TABLES IN SCHEMA "reports";',
                ]
            for line in expected:
                if line not in text:
                    raise CaseFailure(f"the plan does not say {line!r}:\n{text}")
            if any('"shop"."old"' in step["statement"] and "PUBLICATION" in step["statement"] for step in plan):
                raise CaseFailure("an ALTER PUBLICATION names a table that the plan drops")
            # the snapshot diff is the remote diff
            source.fresh_database("migra_remote_a", tables + f"""
                CREATE TABLE shop.old (id int PRIMARY KEY);
                CREATE PUBLICATION {ORDERS_PUB} FOR TABLE {orders_before}, shop.items, shop.old;""")
            a = literal(source.conninfo("migra_remote_a"))
            b = literal(target.conninfo("migra_remote_b"))
            options = "unsafe => true, ignore_extension_versions => true"
            same = self.control(f"""
                SELECT (SELECT array_agg(row(kind, identity, action, statement, hazards)::text ORDER BY ordinal)
                        FROM migra_diff_remote({a}, {b}, {options}))
                     = (SELECT array_agg(row(kind, identity, action, statement, hazards)::text ORDER BY ordinal)
                        FROM migra_diff_snapshots(migra_snapshot(source => {a}), migra_snapshot(source => {b}), {options}))""")
            if same != "t":
                raise CaseFailure("the snapshot diff is not the remote diff")
            print(f"     {len(plan)} statements ({'column lists, row filters, schemas' if new else 'PostgreSQL 14 variant'})")
        return test

    def servers_and_user_mappings_converge(self, source, target):
        """Foreign-data wrappers, servers and user mappings between two databases: a server
        added (with a foreign table on it and a user mapping with a password), one dropped (with
        its foreign table and user mapping), one whose VERSION, OPTIONS and comment change, one
        made again under another TYPE, user mappings for CURRENT_USER, PUBLIC and a role. The
        plan makes the new user mapping without its password and says how to add it; once the
        DBA does, a second diff is empty and pg_dump (which prints the passwords) is equal; the
        snapshots' diff is the same plan. No password is in a plan, a snapshot or an error.
        Grants on wrappers and servers differ (a new grantee, a grant option taken back, a grant
        to PUBLIC revoked) and converge; the server made again gets its grant back, without
        with_privileges too."""
        source_sql = """
            CREATE EXTENSION postgres_fdw;
            CREATE SERVER keep FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost', dbname 'a', port '5432');
            COMMENT ON SERVER keep IS 'old';
            CREATE USER MAPPING FOR PUBLIC SERVER keep OPTIONS (user 'anon', password 'pw-dropped');
            CREATE SERVER gone FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'old');
            CREATE USER MAPPING FOR CURRENT_USER SERVER gone OPTIONS (user 'x', password 'pw-gone');
            CREATE FOREIGN TABLE public.on_gone (id int) SERVER gone;
            CREATE SERVER retyped TYPE 'a' FOREIGN DATA WRAPPER postgres_fdw;
            CREATE USER MAPPING FOR PUBLIC SERVER retyped OPTIONS (user 'p');
            CREATE FOREIGN DATA WRAPPER old_fdw;
            CREATE SERVER on_old FOREIGN DATA WRAPPER old_fdw;
            CREATE FOREIGN DATA WRAPPER kept_fdw;
            GRANT USAGE ON FOREIGN DATA WRAPPER kept_fdw TO PUBLIC;
            GRANT USAGE ON FOREIGN SERVER keep TO migra_reader WITH GRANT OPTION;
            GRANT USAGE ON FOREIGN SERVER retyped TO migra_reader;"""
        target_sql = """
            CREATE EXTENSION postgres_fdw;
            CREATE FOREIGN DATA WRAPPER "Plain fdw" OPTIONS (debug 'true');
            CREATE FOREIGN DATA WRAPPER checked VALIDATOR pg_catalog.postgresql_fdw_validator;
            COMMENT ON FOREIGN DATA WRAPPER "Plain fdw" IS 'plain';
            CREATE SERVER other FOREIGN DATA WRAPPER "Plain fdw";
            CREATE SERVER keep VERSION '16' FOREIGN DATA WRAPPER postgres_fdw
              OPTIONS (host 'db.example', dbname 'it''s', fetch_size '500');
            COMMENT ON SERVER keep IS 'kept, it''s';
            CREATE USER MAPPING FOR PUBLIC SERVER keep OPTIONS (user 'anon2');
            CREATE USER MAPPING FOR migra_reader SERVER keep OPTIONS (user 'reader');
            CREATE SERVER "New server" TYPE 'pg' FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'b');
            CREATE USER MAPPING FOR CURRENT_USER SERVER "New server" OPTIONS (user 'app', password 'pw-s3cret');
            CREATE FOREIGN TABLE public.on_new (id int) SERVER "New server" OPTIONS (table_name 't');
            CREATE SERVER retyped TYPE 'b' FOREIGN DATA WRAPPER postgres_fdw;
            CREATE USER MAPPING FOR PUBLIC SERVER retyped OPTIONS (user 'p');
            CREATE FOREIGN DATA WRAPPER kept_fdw;
            GRANT USAGE ON FOREIGN DATA WRAPPER "Plain fdw" TO migra_reader WITH GRANT OPTION;
            GRANT USAGE ON FOREIGN SERVER keep TO migra_reader;
            GRANT USAGE ON FOREIGN SERVER keep TO PUBLIC;
            GRANT USAGE ON FOREIGN SERVER "New server" TO PUBLIC;
            GRANT USAGE ON FOREIGN SERVER retyped TO migra_reader;"""
        passwords = ("pw-s3cret", "pw-gone", "pw-dropped")
        options = "unsafe => true, ignore_extension_versions => true, with_privileges => true"

        def add_the_password(plan):
            # what the plan's comment line tells the DBA to run, with the value filled in
            notes = [line for step in plan for line in step["statement"].splitlines() if line.startswith("-- not set")]
            expected = ('ALTER USER MAPPING FOR "postgres" SERVER "New server" OPTIONS (ADD password \'...\');')
            if len(notes) != 1 or not notes[0].endswith(expected):
                raise CaseFailure(f"expected one note naming {expected!r}, got {notes}")
            source.cluster.psql("migra_remote_a", expected.replace("'...'", "'pw-s3cret'"))

        def test():
            source.fresh_database("migra_remote_a", source_sql)
            target.fresh_database("migra_remote_b", target_sql)
            a, b = literal(source.conninfo("migra_remote_a")), literal(target.conninfo("migra_remote_b"))
            done = self.local.cluster.psql(CONTROL, f"SELECT count(*) FROM migra_diff_remote({a}, {b}, {options})")
            notices = [line for line in done.stderr.splitlines() if line.startswith("NOTICE:")]
            if not any("password of user mapping postgres on \"New server\"" in n for n in notices):
                raise CaseFailure(f"no NOTICE names the password left out: {done.stderr}")
            same = self.control(f"""
                SELECT (SELECT array_agg(row(kind, identity, action, statement, hazards)::text ORDER BY ordinal)
                        FROM migra_diff_remote({a}, {b}, {options}))
                     = (SELECT array_agg(row(kind, identity, action, statement, hazards)::text ORDER BY ordinal)
                        FROM migra_diff_snapshots(migra_snapshot(source => {a}), migra_snapshot(source => {b}),
                                                  {options}))""")
            if same != "t":
                raise CaseFailure("migra_diff_snapshots of the two snapshots differs from migra_diff_remote")
            # without with_privileges, the server made again still gets back its grant, and the
            # grants that differ are named in the WARNING
            bare = self.local.cluster.psql(CONTROL, f"""
                SELECT statement FROM migra_diff_remote({a}, {b}, unsafe => true, ignore_extension_versions => true)""")
            grant = 'GRANT USAGE ON FOREIGN SERVER "retyped" TO "migra_reader";'
            if grant not in bare.stdout or "ON FOREIGN SERVER \"keep\"" in bare.stdout:
                raise CaseFailure(f"without with_privileges, expected {grant!r} alone:\n{bare.stdout}")
            if "keep to PUBLIC" not in bare.stderr or '"Plain fdw" to migra_reader' not in bare.stderr:
                raise CaseFailure(f"the WARNING does not name the grants not compared: {bare.stderr}")
            plan = self.converge(source, "migra_remote_a", target, "migra_remote_b", options, min_rows=12,
                                 after_apply=add_the_password)
            text = "\n".join(step["statement"] for step in plan)
            for expected in (
                    'CREATE FOREIGN DATA WRAPPER "Plain fdw" OPTIONS (debug \'true\');',
                    'CREATE FOREIGN DATA WRAPPER "checked" VALIDATOR "pg_catalog"."postgresql_fdw_validator";',
                    'CREATE SERVER "New server" TYPE \'pg\' FOREIGN DATA WRAPPER "postgres_fdw" OPTIONS (dbname \'b\');',
                    'ALTER SERVER "keep" VERSION \'16\' OPTIONS (SET host \'db.example\', SET dbname \'it\'\'s\', '
                    "DROP port, ADD fetch_size '500');",
                    'CREATE USER MAPPING FOR "postgres" SERVER "New server" OPTIONS (user \'app\');',
                    'ALTER USER MAPPING FOR PUBLIC SERVER "keep" OPTIONS (SET user \'anon2\', DROP password);',
                    'CREATE USER MAPPING FOR "migra_reader" SERVER "keep" OPTIONS (user \'reader\');',
                    'DROP USER MAPPING FOR "postgres" SERVER "gone";',
                    'DROP SERVER "gone";', 'DROP SERVER "retyped";', 'DROP FOREIGN DATA WRAPPER "old_fdw";',
                    'COMMENT ON SERVER "keep" IS \'kept, it\'\'s\';',
                    'GRANT USAGE ON FOREIGN DATA WRAPPER "Plain fdw" TO "migra_reader" WITH GRANT OPTION;',
                    'REVOKE ALL ON FOREIGN DATA WRAPPER "kept_fdw" FROM PUBLIC;',
                    'REVOKE GRANT OPTION FOR USAGE ON FOREIGN SERVER "keep" FROM "migra_reader";',
                    'GRANT USAGE ON FOREIGN SERVER "keep" TO PUBLIC;',
                    'GRANT USAGE ON FOREIGN SERVER "New server" TO PUBLIC;', grant):
                if expected not in text:
                    raise CaseFailure(f"the plan does not say {expected!r}:\n{text}")
            order = [step["statement"].split(" (")[0] for step in plan]
            position = {s: i for i, s in enumerate(order)}
            before = [('CREATE SERVER "New server" TYPE \'pg\' FOREIGN DATA WRAPPER "postgres_fdw" OPTIONS',
                       'CREATE FOREIGN TABLE "public"."on_new"'),
                      ('DROP FOREIGN TABLE "public"."on_gone";', 'DROP SERVER "gone";'),
                      ('DROP USER MAPPING FOR "postgres" SERVER "gone";', 'DROP SERVER "gone";'),
                      ('DROP SERVER "on_old";', 'DROP FOREIGN DATA WRAPPER "old_fdw";')]
            for first, second in before:
                if position.get(first, 1 << 20) > position.get(second, -1):
                    raise CaseFailure(f"{first!r} is not before {second!r}:\n{text}")
            snapshot = self.control(f"SELECT migra_snapshot(source => {b})::text")
            if '"secret_options": ["password"]' not in snapshot.replace('":["', '": ["'):
                raise CaseFailure("the snapshot does not name the secret option")
            # a server made again under a foreign table that stays is refused, naming both
            target.cluster.psql("migra_remote_b", "DROP SERVER retyped CASCADE; "
                                "CREATE SERVER retyped TYPE 'c' FOREIGN DATA WRAPPER postgres_fdw; "
                                "CREATE FOREIGN TABLE public.on_retyped (id int) SERVER retyped;")
            source.cluster.psql("migra_remote_a", "CREATE FOREIGN TABLE public.on_retyped (id int) SERVER retyped;")
            refused = self.local.cluster.psql(
                CONTROL, f"SELECT count(*) FROM migra_diff_remote({a}, {b}, {options})", check=False)
            if "0A000" not in refused.stderr or "public.on_retyped" not in refused.stderr:
                raise CaseFailure(f"expected 0A000 naming public.on_retyped, got: {refused.stderr.strip()}")
            for password in passwords:
                if password in text or password in snapshot or password in refused.stderr + done.stderr:
                    raise CaseFailure(f"a password ({password}) is in a plan, a snapshot or an error")
            print(f"     {len(plan)} statements; no password in the plans, the snapshot or the messages")
        return test

    def virtual_generated_columns(self, server):
        """PostgreSQL 18 makes VIRTUAL the default kind of generated column."""
        def test():
            server.fresh_database("migra_remote_a", """
                CREATE TABLE public.t (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL,
                                       s int GENERATED ALWAYS AS (a * 5) STORED);""")
            server.fresh_database("migra_remote_b", """
                CREATE TABLE public.t (a int, b int GENERATED ALWAYS AS (a * 3),
                                       s int GENERATED ALWAYS AS (a * 5) VIRTUAL,
                                       c int GENERATED ALWAYS AS (a + 1) VIRTUAL);""")
            plan = self.converge(server, "migra_remote_a", server, "migra_remote_b", min_rows=3)
            if not any(" VIRTUAL" in step["statement"] for step in plan):
                raise CaseFailure("no VIRTUAL column in the plan: " + "; ".join(s["statement"] for s in plan))
        return test

    def owners_converge(self, source, target):
        """with_owners between two databases: schemas and what they hold (a table, a view, a
        function, a type), foreign-data wrappers, servers and publications that both keep, whose
        owner differs either way, and new ones owned by another role get ALTER ... OWNER TO; the plan converges and pg_dump, owners included, is equal. A
        wrapper's owner must be a superuser (PostgreSQL's rule), so it is a role of its own."""
        roles = """
            DO $$ BEGIN CREATE ROLE migra_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            DO $$ BEGIN CREATE ROLE "Migra FDW owner" SUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"""
        common = """
            CREATE TABLE public.t (a int PRIMARY KEY);
            CREATE EXTENSION postgres_fdw;
            DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO migra_owner', current_database()); END $$;
            CREATE FOREIGN DATA WRAPPER w1;
            CREATE FOREIGN DATA WRAPPER w2;
            CREATE SERVER s1 FOREIGN DATA WRAPPER postgres_fdw;
            CREATE SERVER "S two" FOREIGN DATA WRAPPER w1;
            CREATE PUBLICATION p1 FOR TABLE public.t;
            CREATE SCHEMA app; CREATE TABLE app.items (id int PRIMARY KEY);
            CREATE VIEW app.v AS SELECT 1 AS one;  -- the same text on every version
            CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
            CREATE TYPE app.mood AS ENUM ('ok');"""
        source_sql = common + """
            ALTER FOREIGN DATA WRAPPER w2 OWNER TO "Migra FDW owner";
            ALTER SERVER "S two" OWNER TO migra_owner;"""
        target_sql = common + """
            ALTER FOREIGN DATA WRAPPER w1 OWNER TO "Migra FDW owner";
            ALTER SERVER s1 OWNER TO migra_owner;
            ALTER PUBLICATION p1 OWNER TO migra_owner;
            CREATE FOREIGN DATA WRAPPER w3;
            ALTER FOREIGN DATA WRAPPER w3 OWNER TO "Migra FDW owner";
            CREATE SERVER s3 FOREIGN DATA WRAPPER w2;
            ALTER SERVER s3 OWNER TO migra_owner;
            CREATE PUBLICATION "P two" FOR TABLE public.t;
            ALTER PUBLICATION "P two" OWNER TO migra_owner;
            ALTER SCHEMA app OWNER TO migra_owner; ALTER TABLE app.items OWNER TO migra_owner;
            ALTER VIEW app.v OWNER TO migra_owner; ALTER FUNCTION app.f() OWNER TO migra_owner;
            ALTER TYPE app.mood OWNER TO migra_owner;
            CREATE SCHEMA "Fresh" AUTHORIZATION migra_owner;
            CREATE TABLE "Fresh".t (a int); ALTER TABLE "Fresh".t OWNER TO migra_owner;"""

        def test():
            for server in (source, target):
                server.cluster.psql("postgres", roles)
            source.fresh_database("migra_remote_a", source_sql)
            target.fresh_database("migra_remote_b", target_sql)
            options = "unsafe => true, ignore_extension_versions => true, with_owners => true"
            plan = self.converge(source, "migra_remote_a", target, "migra_remote_b", options, min_rows=15, owners=True)
            text = "\n".join(step["statement"] for step in plan)
            for expected in (
                    'ALTER FOREIGN DATA WRAPPER "w1" OWNER TO "Migra FDW owner";',
                    'ALTER FOREIGN DATA WRAPPER "w2" OWNER TO "postgres";',
                    'ALTER FOREIGN DATA WRAPPER "w3" OWNER TO "Migra FDW owner";',
                    'ALTER SERVER "s1" OWNER TO "migra_owner";',
                    'ALTER SERVER "S two" OWNER TO "postgres";',
                    'ALTER SERVER "s3" OWNER TO "migra_owner";',
                    'ALTER PUBLICATION "p1" OWNER TO "migra_owner";',
                    'ALTER PUBLICATION "P two" OWNER TO "migra_owner";',
                    'ALTER SCHEMA "app" OWNER TO "migra_owner";',
                    'ALTER SCHEMA "Fresh" OWNER TO "migra_owner";',
                    'ALTER TABLE "app"."items" OWNER TO "migra_owner";',
                    'ALTER VIEW "app"."v" OWNER TO "migra_owner";',
                    'ALTER TYPE "app"."mood" OWNER TO "migra_owner";',
                    'ALTER TABLE "Fresh"."t" OWNER TO "migra_owner";'):
                if expected not in text:
                    raise CaseFailure(f"the plan does not say {expected!r}:\n{text}")
            if not any(line.startswith('ALTER FUNCTION "app".') and "f()" in line
                       and line.endswith('OWNER TO "migra_owner";') for line in text.splitlines()):
                raise CaseFailure(f"the plan does not give app.f() to migra_owner:\n{text}")
            # without with_owners, none of it
            a, b = literal(source.conninfo("migra_remote_a")), literal(target.conninfo("migra_remote_b"))
            source.fresh_database("migra_remote_a", source_sql)
            bare = self.control(f"""SELECT count(*) FROM migra_diff_remote({a}, {b}, unsafe => true,
                                        ignore_extension_versions => true) WHERE statement LIKE '%OWNER TO%'""")
            if bare != "0":
                raise CaseFailure(f"{bare} OWNER TO rows without with_owners")
            print(f"     {len(plan)} statements")
        return test

    def published_generated_columns(self, server):
        """PostgreSQL 18's publish_generated_columns: turned on and off by ALTER PUBLICATION ...
        SET, and given to a new publication."""
        def test():
            table = "CREATE TABLE public.t (a int PRIMARY KEY, b int GENERATED ALWAYS AS (a * 2) STORED);"
            server.fresh_database("migra_remote_a", table + """
                CREATE PUBLICATION plain FOR TABLE public.t;
                CREATE PUBLICATION "With gen" FOR TABLE public.t WITH (publish_generated_columns = stored);""")
            server.fresh_database("migra_remote_b", table + """
                CREATE PUBLICATION plain FOR TABLE public.t WITH (publish_generated_columns = stored);
                CREATE PUBLICATION "With gen" FOR TABLE public.t;
                CREATE PUBLICATION fresh FOR TABLE public.t WITH (publish = 'insert', publish_generated_columns = stored);""")
            plan = self.converge(server, "migra_remote_a", server, "migra_remote_b", min_rows=3)
            text = "\n".join(step["statement"] for step in plan)
            for expected in (
                    'ALTER PUBLICATION "plain" SET (publish = \'insert, update, delete, truncate\', '
                    'publish_via_partition_root = false, publish_generated_columns = stored);',
                    'ALTER PUBLICATION "With gen" SET (publish = \'insert, update, delete, truncate\', '
                    'publish_via_partition_root = false, publish_generated_columns = none);',
                    'CREATE PUBLICATION "fresh" FOR TABLE ONLY "public"."t" WITH (publish = \'insert\', '
                    'publish_generated_columns = stored);'):
                if expected not in text:
                    raise CaseFailure(f"the plan does not say {expected!r}:\n{text}")
        return test

    def across_versions(self, source, target):
        def test():
            source.fresh_database("migra_remote_a", SOURCE_SQL)
            target.fresh_database("migra_remote_b", TARGET_SQL)
            # contrib versions may differ between major versions
            self.converge(source, "migra_remote_a", target, "migra_remote_b",
                          "unsafe => true, with_privileges => true, ignore_extension_versions => true")
        return test


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="")
    parser.add_argument("--other", action="append", default=[], metavar="HOST,PORT,BINDIR",
                        help="a server of another major version (repeatable)")
    args = parser.parse_args()

    local = Server("local", args.host, args.port, args.bindir)
    others = [Server("other", *spec.split(",", 2)) for spec in args.other]
    local.cluster.psql("postgres", f"DROP DATABASE IF EXISTS {CONTROL}")
    local.cluster.psql("postgres", f"CREATE DATABASE {CONTROL}")
    local.cluster.psql(CONTROL, "CREATE EXTENSION dblink; CREATE EXTENSION migra;")

    tests = Tests(local)
    tests.run("remote diff between two databases converges", tests.remote_diff_between_two_databases_converges)
    tests.run("whole-database renames, a schema among them, keep the data",
              tests.whole_database_renames_keep_the_data)
    tests.run("snapshot diff equals remote diff", tests.snapshot_diff_equals_remote_diff)
    tests.run("remote snapshot equals local snapshot", tests.snapshot_of_a_remote_database_equals_its_local_snapshot)
    tests.run("a non-superuser needs a password", tests.a_non_superuser_needs_a_password)
    tests.run("unreachable server times out", tests.unreachable_server_times_out)
    tests.run("a remote diff warns once, naming each side and what differs", tests.a_remote_diff_warns_once_naming_each_side)
    tests.run("foreign tables converge between databases; no password is read",
              tests.foreign_tables_converge_and_no_password_is_read)
    tests.run("publications converge between databases", tests.publications_converge(local, local))
    tests.run("servers and user mappings converge", tests.servers_and_user_mappings_converge(local, local))
    tests.run("owners converge between whole databases (with_owners)", tests.owners_converge(local, local))
    here = local.cluster.query("postgres", "SHOW server_version")
    for other in others:
        there = other.cluster.query("postgres", "SHOW server_version")
        tests.run(f"PostgreSQL {here} database to PostgreSQL {there} database", tests.across_versions(local, other))
        tests.run(f"PostgreSQL {there} database to PostgreSQL {here} database", tests.across_versions(other, local))
        tests.run(f"publications, PostgreSQL {here} to {there}", tests.publications_converge(local, other))
        tests.run(f"publications, PostgreSQL {there} to {here}", tests.publications_converge(other, local))
        tests.run(f"servers and user mappings, PostgreSQL {here} to {there}",
                  tests.servers_and_user_mappings_converge(local, other))
        tests.run(f"servers and user mappings, PostgreSQL {there} to {here}",
                  tests.servers_and_user_mappings_converge(other, local))
        tests.run(f"owners (with_owners), PostgreSQL {here} to {there}", tests.owners_converge(local, other))
        tests.run(f"owners (with_owners), PostgreSQL {there} to {here}", tests.owners_converge(other, local))
        if int(other.cluster.query("postgres", "SHOW server_version_num")) >= 180000:
            tests.run(f"VIRTUAL generated columns on PostgreSQL {there}", tests.virtual_generated_columns(other))
            tests.run(f"publish_generated_columns on PostgreSQL {there}", tests.published_generated_columns(other))

    for server in [local, *others]:
        for database in ("migra_remote_a", "migra_remote_b"):
            server.drop_database(database)
    local.cluster.psql("postgres", f"DROP DATABASE IF EXISTS {CONTROL}", check=False)
    tests.finish()


if __name__ == "__main__":
    main()
