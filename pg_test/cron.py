#!/usr/bin/env python3
"""Drift checks run by pg_cron for real (README, "Scheduled drift checks").

The cluster must run with `shared_preload_libraries = 'pg_cron'` and `cron.host` set to its
socket directory (scripts/test.sh starts one). In its `postgres` database (pg_cron's own):

1. a baseline of schema `app` is saved and `migra_assert_no_drift(migra_baseline('app'))` is
   scheduled every minute: the first run is `succeeded`;
2. a column is added: the next run of the same job is `failed`, and `cron.job_run_details`
   says `schema drift: 1 difference ...`;
3. a second job, scheduled with the change, logs instead of failing (`migra_log_drift`): its
   run at the same tick is `succeeded` and `migra_drift_log` holds the drift;
4. a baseline of the whole `postgres` database (which holds pg_cron) matches another database
   with the same schema and no pg_cron: the drift functions leave out pg_cron and dblink, the
   checking machinery, unless `exclude_extensions` says otherwise.

pg_cron 1.4 (Debian 12) schedules by the minute: the test polls every half second and waits for
the next tick only, so it takes one to two minutes.

Each test prints "ok <name>" or "FAIL <name>: <reason>"; the last line is "N passed, N failed".
"""

import argparse
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CaseFailure, Cluster, Tests as Runner  # noqa: E402

DATABASE = "postgres"
TICK_SECONDS = 75  # one minute of pg_cron, and the run itself


class Tests(Runner):
    def __init__(self, cluster):
        super().__init__()
        self.cluster = cluster
        self.log_job = None

    def query(self, sql):
        return self.cluster.query(DATABASE, sql)

    def schedule(self, name, command):
        return self.query(f"SELECT cron.schedule('{name}', '* * * * *', $cmd${command}$cmd$)")

    def finished_runs(self, job):
        """(runid, status, return_message) of the job's finished runs, oldest first."""
        out = self.query(f"""
            SELECT runid || '|' || status || '|' || coalesce(replace(return_message, E'\\n', ' '), '')
            FROM cron.job_run_details WHERE jobid = {job} AND status IN ('succeeded', 'failed')
            ORDER BY runid""")
        return [tuple(line.split("|", 2)) for line in out.splitlines() if line]

    def next_run(self, job, after=0):
        """Waits for the job's first finished run with runid > after."""
        deadline = time.monotonic() + TICK_SECONDS
        while time.monotonic() < deadline:
            runs = [r for r in self.finished_runs(job) if int(r[0]) > after]
            if runs:
                return runs[0]
            time.sleep(0.5)
        raise CaseFailure(f"pg_cron did not run job {job} within {TICK_SECONDS} s")

    def setup(self):
        self.query("""
            DROP EXTENSION IF EXISTS migra; DROP SCHEMA IF EXISTS app CASCADE;
            CREATE EXTENSION IF NOT EXISTS pg_cron; CREATE EXTENSION migra;
            SELECT cron.unschedule(jobid) FROM cron.job;
            DELETE FROM cron.job_run_details;
            CREATE SCHEMA app;
            CREATE TYPE app.status AS ENUM ('new', 'paid');
            CREATE TABLE app.orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                     status app.status NOT NULL DEFAULT 'new', total numeric(12, 2));
            CREATE INDEX ON app.orders (status);
            SELECT migra_baseline_save('app', schemas => '{app}');""")

    def check_succeeds_then_fails_on_drift(self):
        self.setup()
        job = self.schedule("migra-drift", "SELECT migra_assert_no_drift(migra_baseline('app'))")
        started = time.monotonic()
        runid, status, message = self.next_run(job)
        if status != "succeeded":
            raise CaseFailure(f"the check failed with no drift: {message}")
        print(f"     run {runid}: {status} ({time.monotonic() - started:.1f} s after scheduling)")
        self.query("ALTER TABLE app.orders ADD COLUMN note text")
        # the logging job of the next test runs at the same tick
        self.log_job = self.schedule("migra-drift-log", "SELECT migra_log_drift(migra_baseline('app'), check_name => 'hourly')")
        runid, status, message = self.next_run(job, after=int(runid))
        if status != "failed":
            raise CaseFailure(f"the check after a change was {status}: {message}")
        expected = "schema drift: 1 difference from the expected schema: drop column app.orders.note"
        if expected not in message:
            raise CaseFailure(f"return_message does not name the drift: {message!r}")
        print(f"     run {runid}: {status}: {message}")

    def logs_drift_instead_of_failing(self):
        if self.log_job is None:
            raise CaseFailure("the logging job was not scheduled (the test before failed)")
        runid, status, message = self.next_run(self.log_job)
        if status != "succeeded":
            raise CaseFailure(f"the logging check was {status}: {message}")
        logged = self.query("""
            SELECT check_name || ' ' || differences || ' ' || (drift -> 1 ->> 'statement')
            FROM migra_drift_log ORDER BY found_at""")
        if logged != 'hourly 1 ALTER TABLE "app"."orders" DROP COLUMN "note";':
            raise CaseFailure(f"migra_drift_log holds {logged!r}")
        print(f"     run {runid}: {status}; migra_drift_log: {logged}")

    def a_baseline_of_the_cron_database_leaves_pg_cron_out(self):
        self.query("SELECT migra_baseline_save('whole')")
        snapshot = self.query("SELECT migra_baseline('whole')::text")
        if '"pg_cron"' not in snapshot:
            raise CaseFailure("the baseline of the cron database does not hold pg_cron: nothing to leave out")
        other = "migra_cron_other"
        self.cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{other}"')
        self.cluster.psql("postgres", f'CREATE DATABASE "{other}"')
        try:
            self.cluster.query(other, """
                CREATE EXTENSION migra; CREATE SCHEMA app;
                CREATE TYPE app.status AS ENUM ('new', 'paid');
                CREATE TABLE app.orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                         status app.status NOT NULL DEFAULT 'new', total numeric(12, 2));
                CREATE INDEX ON app.orders (status);
                ALTER TABLE app.orders ADD COLUMN note text;""")
            drift = self.cluster.query(other, f"SELECT count(*) FROM migra_drift($s${snapshot}$s$::jsonb)")
            if drift != "0":
                rows = self.cluster.query(other, f"SELECT string_agg(statement, ' ') FROM migra_drift($s${snapshot}$s$::jsonb)")
                raise CaseFailure(f"{drift} differences from the cron database's baseline: {rows}")
            asked = self.cluster.query(other, f"""
                SELECT string_agg(statement, ' ') FROM migra_drift($s${snapshot}$s$::jsonb, exclude_extensions => '{{dblink}}')
                WHERE kind = 'extension'""")
            if "pg_cron" not in asked:
                raise CaseFailure(f"with pg_cron compared, the drift is {asked!r}")
            print("     no drift by default; compared when asked: " + asked)
        finally:
            self.cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{other}"', check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="")
    args = parser.parse_args()

    tests = Tests(Cluster(args.host, args.port, args.bindir))
    tests.run("a scheduled check succeeds, then fails on drift with the drift in job_run_details",
              tests.check_succeeds_then_fails_on_drift)
    tests.run("a scheduled check logs drift to migra_drift_log instead of failing", tests.logs_drift_instead_of_failing)
    tests.run("a baseline of the cron database leaves pg_cron out of the drift", tests.a_baseline_of_the_cron_database_leaves_pg_cron_out)
    tests.query("SELECT cron.unschedule(jobid) FROM cron.job")
    tests.finish()


if __name__ == "__main__":
    main()
