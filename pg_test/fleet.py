#!/usr/bin/env python3
"""Fleet drift checks (README, "Fleet checks"): one expected schema against many databases.

Twenty databases with a schema shaped like an application's (identity keys, an enum, a domain,
a view, a function, a trigger, a policy, a grant); one of them has drifted. Among them, one
database that cannot be reached, one that accepts the connection and never answers, one reached
through a foreign server, one NULL, and one behind a proxy that takes the catalog query and never
answers. Checks:

- one call gives a row per difference for the drifted database, `differences = 0` for each that
  matches, and a row with its error for the unreachable and the silent ones (08001, the silent
  one after its `connect_timeout`), the stalled one (timed out
  after `timeout_seconds`) and the NULL one, and never shows a password;
- the stalled database holds up no other: the call ends soon after its timeout;
- a reference database gives the same rows as its snapshot;
- the 20 databases read with `max_parallel => 8` and with `max_parallel => 1`: both times are
  printed (a measurement, not a pass/fail figure).

Each test prints "ok <name>" or "FAIL <name>: <reason>"; the last line is "N passed, N failed".
"""

import argparse
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile import HostileServer, SilentServer  # noqa: E402
from run import CaseFailure, Cluster, Tests as Runner, literal  # noqa: E402

CONTROL = "migra_fleet_control"
COUNT = 20
DRIFTED = 7
SCHEMA = """
CREATE ROLE migra_fleet_reader;
CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('new', 'paid', 'shipped');
CREATE DOMAIN app.email AS text CHECK (VALUE ~ '@');
CREATE TABLE app.customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email app.email NOT NULL UNIQUE,
                            owner name NOT NULL DEFAULT current_user);
CREATE TABLE app.orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                         customer_id bigint NOT NULL REFERENCES app.customers,
                         status app.status NOT NULL DEFAULT 'new', total numeric(12, 2) NOT NULL DEFAULT 0,
                         updated_at timestamptz);
CREATE INDEX ON app.orders (customer_id, status);
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated_at := now(); RETURN NEW; END$$;
CREATE TRIGGER touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE VIEW app.open_orders AS SELECT id, customer_id, total FROM app.orders WHERE status <> 'shipped';
ALTER TABLE app.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON app.customers USING (owner = current_user);
GRANT SELECT ON app.open_orders TO migra_fleet_reader;
"""


def name(n):
    return f"migra_fleet_{n:02d}"


class Tests(Runner):
    def __init__(self, cluster):
        super().__init__()
        self.cluster = cluster

    def query(self, sql):
        return self.cluster.query(CONTROL, sql)

    def conninfo(self, database, password=None):
        text = f"host={self.cluster.host} port={self.cluster.port} dbname={database}"
        return text + (f" password={password}" if password else "")

    def setup(self):
        self.cluster.psql("postgres", "DROP ROLE IF EXISTS migra_fleet_reader")
        for n in range(1, COUNT + 1):
            self.cluster.psql("postgres", f"DROP DATABASE IF EXISTS {name(n)}")
            self.cluster.psql("postgres", f"CREATE DATABASE {name(n)} TEMPLATE template0")
            self.cluster.psql(name(n), SCHEMA if n == 1 else SCHEMA.replace("CREATE ROLE migra_fleet_reader;", ""))
        self.cluster.psql(name(DRIFTED), "ALTER TABLE app.orders ADD COLUMN note text")
        self.cluster.psql("postgres", f"DROP DATABASE IF EXISTS {CONTROL}")
        self.cluster.psql("postgres", f"CREATE DATABASE {CONTROL}")
        self.query(f"""
            CREATE EXTENSION dblink; CREATE EXTENSION migra;
            CREATE SERVER fleet_two FOREIGN DATA WRAPPER dblink_fdw
              OPTIONS (host {literal(self.cluster.host)}, port {literal(self.cluster.port)}, dbname '{name(2)}');
            CREATE USER MAPPING FOR CURRENT_USER SERVER fleet_two;
            SELECT migra_baseline_save('app', schemas => '{{app}}', source => {literal(self.conninfo(name(1)))});""")

    def fleet_rows(self, expected, databases, **options):
        array = "ARRAY[" + ", ".join("NULL" if d is None else literal(d) for d in databases) + "]::text[]"
        extra = "".join(f", {k} => {v}" for k, v in options.items())
        out = self.query(f"""
            SELECT database_number || '|' || database || '|' || coalesce(differences::text, '') || '|'
                   || coalesce(statement, '') || '|' || coalesce(replace(error, E'\\n', ' '), '')
            FROM migra_drift_fleet({expected}, {array}{extra}) ORDER BY database_number, ordinal""")
        return [line.split("|", 4) for line in out.splitlines()]

    def one_call_checks_every_database(self):
        self.setup()
        with HostileServer(self.cluster.host, self.cluster.port, "stall", 30) as proxy, SilentServer() as silent:
            databases = [self.conninfo(name(n), password="sekrit-fleet") for n in range(1, COUNT + 1)]
            databases[1] = "fleet_two"
            databases += ["host=/nonexistent/migra/socket dbname=gone password=sekrit-fleet", None,
                          proxy.conninfo(name(3)), silent.conninfo("x", "connect_timeout=2")]
            started = time.monotonic()
            rows = self.fleet_rows("migra_baseline('app')", databases, timeout_seconds=3)
            elapsed = time.monotonic() - started
        if any("sekrit-fleet" in "|".join(row) for row in rows):
            raise CaseFailure("a password is shown in the rows")
        by_number = {}
        for row in rows:
            by_number.setdefault(int(row[0]), []).append(row)
        problems = []
        for n in range(1, COUNT + 1):
            found = by_number.get(n, [])
            if n == DRIFTED:
                statements = [r[3] for r in found]
                if [r[2] for r in found] != ["1", "1"] or statements[1] != 'ALTER TABLE "app"."orders" DROP COLUMN "note";':
                    problems.append(f"database {n}: {found}")
            elif len(found) != 1 or found[0][2] != "0" or found[0][4]:
                problems.append(f"database {n}: {found}")
        if by_number.get(2, [[None, None]])[0][1] != "fleet_two":
            problems.append(f"the foreign server is shown as {by_number.get(2)}")
        if by_number.get(1, [[None, None]])[0][1] != self.conninfo(name(1)):
            problems.append(f"a connection string is shown as {by_number.get(1)}")
        unreachable, null, stalled, silent = (
            by_number.get(n, [["", "", "", "", ""]])[0] for n in (COUNT + 1, COUNT + 2, COUNT + 3, COUNT + 4))
        if not unreachable[4].startswith("08001: could not establish connection"):
            problems.append(f"the unreachable database: {unreachable}")
        if not null[4].startswith("22004"):
            problems.append(f"the NULL database: {null}")
        if stalled[4] != "57014: timed out after 3 s":
            problems.append(f"the stalled database: {stalled}")
        # PostgreSQL 14 and 15: libpq's own "timeout expired"; 16 and later: migra's deadline
        if not silent[4].startswith("08001: ") or "time" not in silent[4]:
            problems.append(f"the silent database: {silent}")
        if elapsed > 3 + 2 + 10:
            problems.append(f"the call took {elapsed:.1f} s with a 3 s timeout and a 2 s connect_timeout")
        if problems:
            raise CaseFailure("\n  ".join(problems))
        print(f"     {COUNT + 4} databases, one drifted, one unreachable, one NULL, one stalled, one silent: {elapsed:.2f} s")
        print(f"     the silent one: {silent[4]}")

    def a_reference_database_gives_the_same_rows(self):
        databases = [self.conninfo(name(n)) for n in range(1, COUNT + 1)]
        from_snapshot = self.fleet_rows("migra_baseline('app')", databases)
        from_reference = self.fleet_rows(literal(self.conninfo(name(1))), databases, schemas="'{app}'")
        if from_snapshot != from_reference:
            raise CaseFailure(f"snapshot: {from_snapshot[:8]}\n  reference: {from_reference[:8]}")

    def parallel_against_one_after_another(self):
        databases = [self.conninfo(name(n)) for n in range(1, COUNT + 1)]
        times = {}
        for parallel in (8, 1, 8, 1):
            started = time.monotonic()
            rows = self.fleet_rows("migra_baseline('app')", databases, max_parallel=parallel)
            times.setdefault(parallel, []).append(time.monotonic() - started)
            if len({r[0] for r in rows}) != COUNT:
                raise CaseFailure(f"max_parallel {parallel}: {len(rows)} rows")
        best = {p: min(t) for p, t in times.items()}
        print(f"     {COUNT} databases: max_parallel 8 {best[8]:.2f} s, one after another {best[1]:.2f} s "
              f"({best[1] / best[8]:.1f}x)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="")
    args = parser.parse_args()

    cluster = Cluster(args.host, args.port, args.bindir)
    tests = Tests(cluster)
    tests.run("one call checks every database: drift, matches, unreachable, NULL, stalled, silent", tests.one_call_checks_every_database)
    tests.run("a reference database gives the same rows as its snapshot", tests.a_reference_database_gives_the_same_rows)
    tests.run("20 databases in parallel and one after another", tests.parallel_against_one_after_another)
    for database in [CONTROL] + [name(n) for n in range(1, COUNT + 1)]:
        cluster.psql("postgres", f"DROP DATABASE IF EXISTS {database}", check=False)
    cluster.psql("postgres", "DROP ROLE IF EXISTS migra_fleet_reader", check=False)
    tests.finish()


if __name__ == "__main__":
    main()
