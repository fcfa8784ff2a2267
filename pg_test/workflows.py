#!/usr/bin/env python3
"""The README's app-driven deployment recipe (README, "Deployment workflows"), run as written.

The shell block under <!-- deploy-app-driven --> runs with bash in a folder of its own, with
PGHOST, PGPORT and PGUSER pointing at the test cluster. Around it, databases `reference` (the
release's schema, dblink, migra, a foreign server `prod`) and `prod` (today's schema, migra):

- the recipe runs through: the script is generated, applies to a copy, and the deploy says
  `applied`; production then has no drift from the release's schema;
- the deploy step run again says `already applied`;
- run against a production that drifted after the script was generated, the deploy stops at
  the first check with P0004 and production is left as it was.

The declarative recipe (<!-- deploy-declarative -->) runs the same way against `prod`, with a
schema.sql that pg_dump wrote from a database built with the release's schema: production
gets the release's schema and keeps its rows, and a second run plans nothing.

Each test prints "ok <name>" or "FAIL <name>: <reason>"; the last line is "N passed, N failed".
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CaseFailure, Cluster, Tests as Runner, literal  # noqa: E402

README = Path(__file__).resolve().parent.parent / "README.md"
DATABASES = ("reference", "prod", "prod_copy")

TODAY = """
CREATE TABLE public.customers (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);
CREATE TABLE public.orders (id bigint PRIMARY KEY, customer_id int REFERENCES public.customers, total numeric(10, 2));
"""
RELEASE = """
CREATE TYPE public.status AS ENUM ('new', 'paid');
CREATE TABLE public.customers (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE public.orders (id bigint PRIMARY KEY, customer_id int REFERENCES public.customers, total numeric(12, 2),
                            status public.status NOT NULL DEFAULT 'new');
CREATE INDEX ON public.orders (customer_id);
CREATE VIEW public.open_orders AS SELECT id, total FROM public.orders WHERE status = 'new';
"""


def declarative_recipe():
    block = re.search(r"<!-- deploy-declarative -->\s*```sh\n(.*?)```", README.read_text(), re.S)
    if not block:
        raise CaseFailure("README.md has no <!-- deploy-declarative --> recipe")
    return block.group(1)


def recipe():
    block = re.search(r"<!-- deploy-app-driven -->\s*```sh\n(.*?)```", README.read_text(), re.S)
    if not block:
        raise CaseFailure("README.md has no <!-- deploy-app-driven --> recipe")
    text = block.group(1)
    deploy = text.index("# 3. Deploy")
    return text, text[deploy:]


class Tests(Runner):
    def __init__(self, cluster):
        super().__init__()
        self.cluster = cluster
        self.folder = tempfile.mkdtemp(prefix="migra-workflow-")

    def bash(self, script):
        env = dict(os.environ, PGHOST=self.cluster.host, PGPORT=self.cluster.port, PGUSER="postgres")
        env["PATH"] = f"{self.cluster.bindir}:{env['PATH']}" if self.cluster.bindir else env["PATH"]
        return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=self.folder, env=env,
                              capture_output=True, text=True)

    def databases(self):
        for database in DATABASES:
            self.cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"')
        self.cluster.psql("postgres", "CREATE DATABASE prod TEMPLATE template0")
        self.cluster.psql("prod", "CREATE EXTENSION migra;" + TODAY)
        self.cluster.psql("postgres", "CREATE DATABASE reference TEMPLATE template0")
        self.cluster.psql("reference", f"""
            CREATE EXTENSION dblink; CREATE EXTENSION migra;
            CREATE SERVER prod FOREIGN DATA WRAPPER dblink_fdw
              OPTIONS (host {literal(self.cluster.host)}, port {literal(self.cluster.port)}, dbname 'prod');
            CREATE USER MAPPING FOR CURRENT_USER SERVER prod;""" + RELEASE)

    def drift_rows(self):
        return self.cluster.query("reference", "SELECT count(*) FROM migra_diff_remote('prod', NULL, unsafe => true)")

    def the_recipe_runs_through(self):
        self.databases()
        whole, _ = recipe()
        done = self.bash(whole)
        if done.returncode != 0:
            raise CaseFailure(f"the recipe failed: {done.stderr.strip()[-600:]}")
        if "applied" not in done.stdout.splitlines():
            raise CaseFailure(f"the deploy did not say 'applied': {done.stdout[-300:]}")
        left = self.drift_rows()
        if left != "0":
            raise CaseFailure(f"production still differs from the reference: {left} rows")
        lines = len((Path(self.folder) / "042.sql").read_text().splitlines())
        print(f"     042.sql: {lines} lines; applied; production matches the reference")

    def a_second_deploy_does_nothing(self):
        _, deploy = recipe()
        done = self.bash(deploy)
        if done.returncode != 0 or "already applied: nothing to do" not in done.stdout:
            raise CaseFailure(f"a second deploy: {done.stdout[-300:]} {done.stderr[-300:]}")

    def a_drifted_production_stops_the_deploy(self):
        self.databases()
        whole, deploy = recipe()
        until_deploy = whole[: whole.index("# 3. Deploy")]
        done = self.bash(until_deploy)
        if done.returncode != 0:
            raise CaseFailure(f"steps 1 and 2 failed: {done.stderr.strip()[-600:]}")
        self.cluster.psql("prod", "ALTER TABLE public.customers ADD COLUMN phone text")
        snapshot = "SELECT md5(migra_snapshot()::text)"
        before = self.cluster.query("prod", snapshot)
        done = self.bash(deploy)
        if done.returncode == 0:
            raise CaseFailure(f"the deploy went on: {done.stdout[-300:]}")
        if "P0004" not in done.stderr and "schema drift: 1 difference" not in done.stderr:
            raise CaseFailure(f"the deploy did not stop on the drift: {done.stderr.strip()[-400:]}")
        if self.cluster.query("prod", snapshot) != before:
            raise CaseFailure("production was changed")
        print(f"     {done.stderr.strip().splitlines()[0][:140]}")


    def declarative(self):
        """`prod` with today's schema and rows; schema.sql dumped by pg_dump from a database
        the release's migrations built (so with `public.` names, SET lines, and the
        `\\restrict` lines of recent pg_dump versions)."""
        self.databases()
        self.cluster.psql("prod", "INSERT INTO public.customers (email) VALUES ('a@example.com');"
                                  "INSERT INTO public.orders VALUES (1, 1, 9.99)")
        self.cluster.psql("postgres", 'DROP DATABASE IF EXISTS "built"')
        self.cluster.psql("postgres", "CREATE DATABASE built TEMPLATE template0")
        self.cluster.psql("built", RELEASE)
        dump = self.cluster.run([self.cluster.tool("pg_dump"), "--schema-only", "--no-owner",
                                 "--schema=public"], "built").stdout
        self.cluster.psql("postgres", 'DROP DATABASE "built"')
        (Path(self.folder) / "schema.sql").write_text(dump)
        snapshot = "SELECT md5(migra_snapshot()::text)"
        before = self.cluster.query("prod", snapshot)
        done = self.bash(declarative_recipe())
        if done.returncode != 0 or "applied" not in done.stdout.splitlines():
            raise CaseFailure(f"the recipe failed: {done.stdout[-300:]} {done.stderr.strip()[-600:]}")
        if self.cluster.query("prod", snapshot) == before:
            raise CaseFailure("production was not changed")
        if self.cluster.query("prod", "SELECT count(*) FROM public.orders") != "1":
            raise CaseFailure("the order is not there after the plan")
        plan = (Path(self.folder) / "plan.sql").read_text()
        lines = len(plan.splitlines())
        again = self.bash(declarative_recipe())
        if again.returncode != 0 or "applied" not in again.stdout.splitlines():
            raise CaseFailure(f"the recipe run again failed: {again.stderr.strip()[-600:]}")
        if (Path(self.folder) / "plan.sql").read_text().strip() != "":
            raise CaseFailure("a second plan is not empty")
        print(f"     schema.sql: {len(dump.splitlines())} lines from pg_dump; plan.sql: {lines} lines; "
              "applied; a second plan is empty")

    def timed(self, database, sql):
        """Milliseconds psql's \\timing reports for `sql`, run in `database` with the variable
        `target` holding schema.sql."""
        schema_sql = Path(self.folder) / "schema.sql"
        script = f"\\set target `cat {schema_sql}`\n\\timing on\n{sql}\n"
        done = self.cluster.psql(database, script)
        times = re.findall(r"^Time: ([0-9.]+) ms", done.stdout, re.M)
        if not times:
            raise CaseFailure(f"no timing printed: {done.stdout[-300:]}")
        return float(times[-1])

    def declarative_leaves_nothing(self):
        """Files that fail (a syntax error on line 12) or that create an extension leave the
        database as it was (pg_dump of the whole database before and after each call); and what
        a plan from schema.sql costs next to migra_diff between two loaded schemas."""
        def dump():
            text = self.cluster.run([self.cluster.tool("pg_dump"), "--schema-only"], "prod").stdout
            return [line for line in text.splitlines() if not line.startswith(("\\restrict", "\\unrestrict"))]
        before = dump()
        failing = "".join(f"CREATE TABLE public.t{n} (id int);\n" for n in range(1, 12)) + \
            "CREATE TABLE public.t12 (id int,, name text);\n"
        done = self.cluster.psql("prod", f"SELECT count(*) FROM migra_diff_from_sql('public', {literal(failing)})",
                                 check=False)
        if "line 12, column 33" not in done.stderr:
            raise CaseFailure(f"the syntax error is not placed on line 12: {done.stderr.strip()}")
        creating = ("CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
                    "CREATE TABLE public.docs (id int, body text);\n"
                    "CREATE INDEX docs_body ON public.docs USING gin (body gin_trgm_ops);\n")
        plan = self.cluster.query("prod", "SELECT string_agg(statement, E'\\n' ORDER BY ordinal) "
                                          f"FROM migra_diff_from_sql('public', {literal(creating)}, unsafe => true)")
        if 'CREATE EXTENSION IF NOT EXISTS "pg_trgm"' not in plan:
            raise CaseFailure(f"the plan does not create the extension:\n{plan}")
        if dump() != before:
            raise CaseFailure("the database changed")
        # the cost: the plan from schema.sql, and the same plan between two loaded schemas
        self.cluster.psql("prod", "DROP SCHEMA IF EXISTS release CASCADE; CREATE SCHEMA release;"
                                  + RELEASE.replace("public.", "release."))
        from_sql = self.timed("prod", "SELECT count(*) FROM migra_diff_from_sql('public', :'target', unsafe => true);")
        between = self.timed("prod", "SELECT count(*) FROM migra_diff('public', 'release', unsafe => true);")
        self.cluster.psql("prod", "DROP SCHEMA release CASCADE")
        print(f"     a syntax error named on line 12; CREATE EXTENSION planned; pg_dump unchanged by both")
        print(f"     migra_diff_from_sql of schema.sql: {from_sql:.1f} ms; migra_diff between the two loaded "
              f"schemas: {between:.1f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="")
    args = parser.parse_args()

    cluster = Cluster(args.host, args.port, args.bindir)
    tests = Tests(cluster)
    tests.run("the app-driven recipe: generate, test on a copy, deploy, check", tests.the_recipe_runs_through)
    tests.run("a second deploy says it is already applied", tests.a_second_deploy_does_nothing)
    tests.run("a production that drifted stops the deploy before anything is applied",
              tests.a_drifted_production_stops_the_deploy)
    tests.run("the declarative recipe: plan to a pg_dump'ed schema.sql, prove, apply, nothing left",
              tests.declarative)
    tests.run("a file with a syntax error, or one that creates an extension, leaves the database as it was",
              tests.declarative_leaves_nothing)
    for database in DATABASES:
        cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"', check=False)
    tests.finish()


if __name__ == "__main__":
    main()
