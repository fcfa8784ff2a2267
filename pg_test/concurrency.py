#!/usr/bin/env python3
"""Diffs while DDL runs (docs/security.md, "Concurrent DDL"): two or three sessions driven step
by step, then a bounded churn loop.

- A column renamed by a transaction that commits while a diff waits for it: the plan is the
  plan of the state after the rename (never a CHECK re-added under the old name), and it applies.
- A migration that locks one table, then another that a view of the diffed schema reads, while a
  diff waits for the first: no deadlock (40P01) on either side; both finish.
- A table held by an open transaction longer than `migra.lock_timeout`: 55P03 naming it.
- The churn loop: DDL sessions move schema `x` between four known states (a column renamed and
  back, an index made and dropped) while diffs run; every diff is the plan of one of the four
  states, computed beforehand, or a named retryable error (40001, 55P03); never XX000, never a
  deadlock, never a plan of a state that never existed.

Each test prints "ok <name>" or "FAIL <name>: <reason>"; the last line is "N passed, N failed".
"""

import argparse
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CaseFailure, Cluster, Tests as Runner, sqlstate  # noqa: E402

DATABASE = "migra_concurrency"

SCHEMAS = """
DROP SCHEMA IF EXISTS x CASCADE; DROP SCHEMA IF EXISTS y CASCADE;
CREATE SCHEMA x; CREATE SCHEMA y;
CREATE TABLE x.lines (id int PRIMARY KEY, qty int CHECK (qty > 0), note text);
CREATE TABLE x.orders (id int PRIMARY KEY, total numeric(10,2) DEFAULT 0);
CREATE VIEW x.big AS SELECT l.id, l.qty, o.total FROM x.lines l JOIN x.orders o USING (id);
CREATE TABLE y.lines (id int PRIMARY KEY, qty int CHECK (qty > 0), note text, added text);
CREATE TABLE y.orders (id int PRIMARY KEY, total numeric(12,2) DEFAULT 0);
CREATE VIEW y.big AS SELECT l.id, l.qty, o.total FROM y.lines l JOIN y.orders o USING (id);
"""

PLAN = "SELECT coalesce(string_agg(statement, E'\\n' ORDER BY ordinal), '') FROM migra_diff('x', 'y', unsafe => true)"
TARGET = "migra_concurrency_target"
# the target of the remote diff: y's schema as x, in a database of its own
TARGET_SQL = """
CREATE SCHEMA x;
CREATE TABLE x.lines (id int PRIMARY KEY, qty int CHECK (qty > 0), note text, added text);
CREATE TABLE x.orders (id int PRIMARY KEY, total numeric(12,2) DEFAULT 0);
CREATE VIEW x.big AS SELECT l.id, l.qty, o.total FROM x.lines l JOIN x.orders o USING (id);
"""


def remote_plan(cluster):
    """The same plan as PLAN, from x of this database to x of the target, read through dblink."""
    here = f"host={cluster.host} port={cluster.port} dbname={DATABASE} user=postgres"
    there = f"host={cluster.host} port={cluster.port} dbname={TARGET} user=postgres"
    return (f"SELECT coalesce(string_agg(statement, E'\\n' ORDER BY ordinal), '') "
            f"FROM migra_diff_remote('{here}', '{there}', schemas => '{{x}}', unsafe => true)")


class Session:
    """One psql session kept open, fed statement by statement: `send` without waiting, `wait`
    for everything sent so far, `run` both."""

    def __init__(self, cluster, database):
        env = dict(os.environ, PGHOST=cluster.host, PGPORT=str(cluster.port), PGUSER="postgres", PGDATABASE=database)
        env.pop("PGOPTIONS", None)
        self.process = subprocess.Popen(
            [cluster.tool("psql"), "-X", "-q", "-A", "-t", "-v", "VERBOSITY=verbose"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1, env=env)
        self.lines = queue.Queue()
        self.errors = []
        self.marker = 0
        threading.Thread(target=self._read, args=(self.process.stdout, self.lines.put), daemon=True).start()
        threading.Thread(target=self._read, args=(self.process.stderr, self.errors.append), daemon=True).start()
        self.pid = self.run("SELECT pg_backend_pid()")[0]

    @staticmethod
    def _read(stream, put):
        for line in stream:
            put(line.rstrip("\n"))

    def send(self, sql):
        # a statement must end before the marker's \echo, which psql runs at once
        sql = sql.rstrip()
        if not sql.endswith(";"):
            sql += ";"
        self.marker += 1
        self.errors_before = len(self.errors)
        self.process.stdin.write(f"{sql}\n\\echo migra-step-{self.marker}\n")
        self.process.stdin.flush()

    def wait(self, timeout=30):
        """The output lines of what was sent last, and the errors it printed."""
        out, deadline = [], time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise CaseFailure(f"session {self.pid}: no answer within {timeout} s")
            if line == f"migra-step-{self.marker}":
                time.sleep(0.05)  # stderr of the same step
                return out, "\n".join(self.errors[self.errors_before:])
            out.append(line)

    def run(self, sql, timeout=30):
        self.send(sql)
        return self.wait(timeout)[0]

    def close(self):
        try:
            self.process.stdin.close()
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()


class Tests(Runner):
    def __init__(self, cluster):
        super().__init__()
        self.cluster = cluster

    def query(self, sql):
        return self.cluster.query(DATABASE, sql)

    def session(self):
        return Session(self.cluster, DATABASE)

    def waiting_for_a_lock(self, pid, timeout=10):
        """Until session `pid` (or, when None, any backend of the database: a remote read's)
        waits for a lock."""
        which = f"pid = {pid}" if pid else f"datname = '{DATABASE}'"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.query(f"SELECT count(*) FROM pg_stat_activity WHERE {which} AND wait_event_type = 'Lock'") != "0":
                return
            time.sleep(0.02)
        raise CaseFailure(f"{which}: nothing came to wait for a lock")

    def fresh(self):
        self.query(SCHEMAS)

    def applies_and_converges(self, plan):
        done = self.cluster.psql(DATABASE, f"BEGIN;\n{plan}\nRESET search_path;\nSELECT count(*) FROM migra_diff('x', 'y', unsafe => true);\nROLLBACK;",
                                 check=False)
        if done.returncode != 0:
            raise CaseFailure(f"the plan does not apply: {done.stderr.strip()[:300]}\n{plan}")
        left = [line for line in done.stdout.split() if line.isdigit()]
        if left != ["0"]:
            raise CaseFailure(f"the plan applied leaves {left} statements")

    # --- step by step ---

    def plan_after(self, migration_sql, plan_sql, remote=False):
        """A migration runs `migration_sql` and holds its locks; a diff (`plan_sql`) comes to wait
        for them; the migration commits: the diff's plan."""
        self.fresh()
        migration, diff = self.session(), self.session()
        try:
            migration.run(f"BEGIN; {migration_sql}")
            diff.send(plan_sql)
            # a remote read's backend, not the diff's own, is the one that waits
            self.waiting_for_a_lock(None if remote else diff.pid)
            migration.run("COMMIT;")
            out, errors = diff.wait()
            if errors:
                raise CaseFailure(f"the diff failed: {errors}")
            return "\n".join(out)
        finally:
            migration.close()
            diff.close()

    def a_rename_committed_while_a_diff_waits_gives_the_plan_after_it(self):
        plan = self.plan_after("ALTER TABLE x.lines RENAME COLUMN qty TO quantity;", PLAN)
        # the plan of the state after the rename: it drops quantity and adds qty
        if "quantity" not in plan:
            raise CaseFailure(f"the plan does not see the rename that committed before it read:\n{plan}")
        self.applies_and_converges(plan)

    def a_table_dropped_while_a_diff_waits_is_not_in_the_plan(self):
        """An ordinary DROP that commits while a diff waits: the plan of the state after it,
        never XX000 (a deparse of what was dropped)."""
        plan = self.plan_after("DROP VIEW x.big; DROP TABLE x.orders;", PLAN)
        if 'CREATE TABLE "x"."orders"' not in plan:
            raise CaseFailure(f"the plan does not see the drop that committed before it read:\n{plan}")
        self.applies_and_converges(plan)

    def a_rename_committed_while_a_remote_read_waits_gives_the_plan_after_it(self):
        plan = self.plan_after("ALTER TABLE x.lines RENAME COLUMN qty TO quantity;", remote_plan(self.cluster), remote=True)
        if "quantity" not in plan:
            raise CaseFailure(f"the plan does not see the rename that committed before it read:\n{plan}")
        self.applies_and_converges_remotely(plan)

    def applies_and_converges_remotely(self, plan):
        self.cluster.psql(DATABASE, plan)
        left = self.query(remote_plan(self.cluster))
        if left:
            raise CaseFailure(f"the plan applied leaves:\n{left}")

    def a_diff_waiting_on_a_migration_does_not_deadlock_it(self):
        self.fresh()
        migration, diff = self.session(), self.session()
        try:
            # orders is locked first; the view x.big reads lines and orders
            migration.run("BEGIN; ALTER TABLE x.orders ADD COLUMN paid boolean;")
            diff.send(PLAN + ";")
            self.waiting_for_a_lock(diff.pid)
            # now the migration needs the other table the diff would read
            migration.send("ALTER TABLE x.lines ADD COLUMN shipped boolean;")
            out, errors = migration.wait(timeout=20)
            if errors:
                raise CaseFailure(f"the migration failed: {errors}")
            migration.run("COMMIT;")
            out, errors = diff.wait(timeout=20)
            if errors:
                raise CaseFailure(f"the diff failed: {errors}")
        finally:
            migration.close()
            diff.close()
        self.applies_and_converges("\n".join(out))

    def a_table_held_past_the_lock_timeout_is_named(self):
        self.fresh()
        holder, diff = self.session(), self.session()
        try:
            holder.run("BEGIN; LOCK TABLE x.orders IN ACCESS EXCLUSIVE MODE;")
            started = time.monotonic()
            diff.send(f"SET migra.lock_timeout = '1s'; {PLAN};")
            _, errors = diff.wait(timeout=20)
            elapsed = time.monotonic() - started
            holder.run("ROLLBACK;")
        finally:
            holder.close()
            diff.close()
        if sqlstate(errors) != "55P03" or "x.orders" not in errors:
            raise CaseFailure(f"expected 55P03 naming x.orders, got: {errors.strip()[:300]}")
        if elapsed > 5:
            raise CaseFailure(f"the diff gave up after {elapsed:.1f} s, with migra.lock_timeout = 1 s")
        print(f"     ({elapsed:.2f} s: {errors.strip().splitlines()[0]})")

    # --- the churn loop ---

    def churn(self, seconds=12.0, ddl_sessions=2, remote=False):
        """DDL sessions move x between four states while diffs run; every diff must be the plan
        of one of the states, or a named retryable error. `remote`: the diffs read this database
        through dblink (`migra_diff_remote`), as another server would."""
        self.fresh()
        plan_sql = remote_plan(self.cluster) if remote else PLAN
        toggles = [
            ("ALTER TABLE x.lines RENAME COLUMN qty TO quantity", "ALTER TABLE x.lines RENAME COLUMN quantity TO qty"),
            ("CREATE INDEX lines_note ON x.lines (note)", "DROP INDEX x.lines_note"),
        ][:ddl_sessions]
        plans = set()
        for state in range(1 << len(toggles)):
            # each state made, its plan read (through dblink too: so committed), and undone
            forward = "".join(toggles[i][0] + ";\n" for i in range(len(toggles)) if state & (1 << i))
            back = "".join(toggles[i][1] + ";\n" for i in range(len(toggles)) if state & (1 << i))
            if forward:
                self.query(forward)
            plans.add(self.query(plan_sql))
            if back:
                self.query(back)
        if len(plans) != 1 << len(toggles):
            raise CaseFailure(f"the {1 << len(toggles)} states gave {len(plans)} different plans")
        stop = threading.Event()
        ddl_errors = []

        def toggle(forward, back):
            session = self.session()
            try:
                while not stop.is_set():
                    for sql in (forward, back):
                        session.send(sql + ";")
                        _, errors = session.wait()
                        if errors:
                            ddl_errors.append(errors)
                        time.sleep(0.01)
            finally:
                session.close()

        threads = [threading.Thread(target=toggle, args=pair, daemon=True) for pair in toggles]
        for thread in threads:
            thread.start()
        outcomes = {"plan": 0}
        bad = []
        diff = self.session()
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                diff.send(f"{plan_sql};")
                out, errors = diff.wait()
                if errors:
                    state = sqlstate(errors)
                    outcomes[state] = outcomes.get(state, 0) + 1
                    if state not in ("40001", "55P03"):
                        bad.append(errors.strip()[:300])
                    continue
                plan = "\n".join(out).strip()
                if plan in plans:
                    outcomes["plan"] += 1
                else:
                    bad.append("a plan of no state:\n" + plan)
        finally:
            stop.set()
            diff.close()
            for thread in threads:
                thread.join(timeout=30)
        print(f"     {sum(outcomes.values())} {'remote ' if remote else ''}diffs in {seconds:.0f} s "
              f"under {len(toggles)} DDL sessions: {outcomes}")
        if ddl_errors:
            raise CaseFailure(f"a DDL session failed: {ddl_errors[0][:300]}")
        if bad:
            raise CaseFailure(f"{len(bad)} diffs neither a plan of a real state nor a retryable error; first: {bad[0]}")
        if outcomes["plan"] == 0:
            raise CaseFailure("no diff gave a plan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="")
    parser.add_argument("--seconds", type=float, default=12.0, help="how long the churn loop runs")
    args = parser.parse_args()

    cluster = Cluster(args.host, args.port, args.bindir)
    cluster.psql("postgres", f"DROP DATABASE IF EXISTS {DATABASE}")
    cluster.psql("postgres", f"CREATE DATABASE {DATABASE}")
    cluster.psql("postgres", f"DROP DATABASE IF EXISTS {TARGET}")
    cluster.psql("postgres", f"CREATE DATABASE {TARGET}")
    cluster.psql(DATABASE, "CREATE EXTENSION migra; CREATE EXTENSION dblink;")
    cluster.psql(TARGET, TARGET_SQL)
    tests = Tests(cluster)
    try:
        tests.run("a rename committed while a diff waits gives the plan after it",
                  tests.a_rename_committed_while_a_diff_waits_gives_the_plan_after_it)
        tests.run("a table dropped while a diff waits is not in the plan", tests.a_table_dropped_while_a_diff_waits_is_not_in_the_plan)
        tests.run("a diff waiting on a migration does not deadlock it", tests.a_diff_waiting_on_a_migration_does_not_deadlock_it)
        tests.run("a table held past migra.lock_timeout is 55P03, named", tests.a_table_held_past_the_lock_timeout_is_named)
        tests.run("churn: every diff is the plan of a real state or a retryable error", lambda: tests.churn(args.seconds))
        tests.run("a rename committed while a remote read waits gives the plan after it",
                  tests.a_rename_committed_while_a_remote_read_waits_gives_the_plan_after_it)
        tests.run("churn, read through dblink: the plan of a real state or a retryable error",
                  lambda: tests.churn(args.seconds / 2, remote=True))
    finally:
        cluster.psql("postgres", f"DROP DATABASE IF EXISTS {DATABASE}", check=False)
        cluster.psql("postgres", f"DROP DATABASE IF EXISTS {TARGET}", check=False)
    tests.finish()


if __name__ == "__main__":
    main()
