#!/usr/bin/env python3
"""The benchmark's measurements (scripts/bench.sh sets up the cluster and calls this).

For each size N it loads a realistic schema of N tables (scripts/realistic_schema.py) as
`app_a` and the same schema with about 1% changed as `app_b` into database bench_N, copies
the database (CREATE DATABASE ... TEMPLATE) and renames the copy's `app_b` to `app_a` (and its
`app_a` to `app_base`), so that the two databases' `app_a` differ as the two schemas do. Then, all in one run so that the ratios hold on a
noisy machine, the median of several runs, each in a new session (cold catalog caches, as
for pg_dump and for a scheduled job), of:

- `migra_diff('app_a', 'app_b')`, with the time of each stage (`SET migra.timing = on`):
  fingerprints (the fingerprint query), query (the catalog query, for the tables that differ),
  decode (json to model), diff, order, render (the statements' text), rows;
- the same with `SET migra.fingerprints = off`, which reads every table in full, as before
  fingerprints;
- `migra_diff('app_a', 'app_a')`, the identical pair;
- `migra_diff_remote` of the two databases over the cluster's unix socket, `schemas => '{app_a}'`;
- `migra_snapshot('{app_a}')`;
- `pg_dump --schema-only -n app_a` of one side (the time of the whole command);
and, once, the backend's peak private memory during one diff (from /proc/self/status, read
through pg_read_file before and after, in a new session) and the number of statements.
Then a partitioned table of 400 partitions (range, two indexes and a primary key on the parent,
so 1,200 attached indexes), as `parts_a`, against `parts_b` where the parent has one more
index: the plan (one statement), `migra_diff`, the identical pair, and `pg_dump -s` of one side.
Then a diff of two 10-table schemas (pg_test/operations.py's, about 17 statements): the first
call of a new session (median of new sessions), and a warm session's call (one session, the
median of its calls from the third on: a backend keeps the catalog queries' plans from its
second read of a schema), with `migra.keep_plans` on and off.
Prints the tables, then issue 23's targets against the figures of this run; asserts nothing.
"""

import argparse
import hashlib
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Server:
    def __init__(self, host, port, bindir):
        self.host, self.port, self.bindir = host, str(port), bindir
        self.env = dict(os.environ, PGHOST=host, PGPORT=self.port, PGUSER="postgres")
        self.env.pop("PGOPTIONS", None)

    def psql(self, database, sql, quiet=True):
        args = [os.path.join(self.bindir, "psql"), "-X", "-v", "ON_ERROR_STOP=1", "-At", "-d", database]
        if quiet:
            args.append("-q")
        done = subprocess.run(args, input=sql, env=self.env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"bench.py: psql failed: {done.stderr.strip()[:2000]}")
        return done

    def load(self, database, sql):
        self.psql(database, sql)

    def conninfo(self, database):
        return f"host={self.host} port={self.port} dbname={database} user=postgres"


def median_ms(server, database, statement, runs, settings=""):
    """Runs `statement` once to warm the operating system's caches, then `runs` times, each in a
    new session, as a scheduled job would: PostgreSQL's own catalog caches start empty, as they
    do for pg_dump. psql's \\timing gives each run's time, without the connection's.
    Returns (median ms, the timed runs' INFO lines)."""
    times, infos = [], []
    for run in range(runs + 1):
        done = server.psql(database, f"{settings}\n\\timing on\n{statement}", quiet=False)
        found = re.findall(r"^Time: ([0-9.]+) ms", done.stdout, re.M)
        if len(found) != 1:
            sys.exit(f"bench.py: expected one timing, got {len(found)}: {done.stdout[-500:]}")
        if run > 0:
            times.append(float(found[0]))
            infos += re.findall(r"^INFO:  (?:[0-9A-Z]{5}: )?migra timing of \w+: (.*)$", done.stderr, re.M)
    return statistics.median(times), infos


def stage_medians(infos):
    """Median milliseconds of each stage over the INFO lines of the timed runs."""
    stages = {}
    for line in infos:
        for name, ms in re.findall(r"(\w+) ([0-9.]+) ms", line):
            stages.setdefault(name, []).append(float(ms))
    return {name: statistics.median(values) for name, values in stages.items()}


def peak_memory_mb(server, database, statement):
    """Growth of the backend's peak private memory over one call, in a new session: the peak
    resident set (VmHWM) less the shared memory and files it has mapped (shared buffers that
    the catalog reads touch are not the diff's), against the same measure before the call."""
    status = "SELECT pg_read_file('/proc/self/status');"
    out = server.psql(database, f"{status}\n{statement}\n{status}").stdout

    def fields(text):
        return {k: int(v) for k, v in re.findall(r"^(VmHWM|VmRSS|RssShmem|RssFile):\s+([0-9]+) kB", text, re.M)}
    parts = out.split("Name:")
    before, after = fields(parts[1]), fields(parts[2])
    private_before = before["VmRSS"] - before["RssShmem"] - before["RssFile"]
    private_peak = after["VmHWM"] - after["RssShmem"] - after["RssFile"]
    return (private_peak - private_before) / 1024


def prepare(server, n, seed):
    """bench_N with schemas app_a and app_b, and bench_N_copy whose app_a is bench_N's app_b.
    Kept between runs: a database whose load finished (it has the migra extension, made last)
    is used as it is."""
    database = f"bench_{n}"

    def exists(name, sql="SELECT 1"):
        found = server.psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'").stdout.strip()
        return bool(found) and bool(server.psql(name, sql).stdout.strip())

    # made by this text of the generator, with this seed: a database of an older one is loaded again
    made_by = "realistic_schema.py " + hashlib.sha256((ROOT / "scripts/realistic_schema.py").read_bytes()).hexdigest()[:16] \
        + f" seed {seed}"
    if not exists(database, "SELECT 1 FROM pg_extension WHERE extname = 'migra' "
                            f"AND shobj_description((SELECT oid FROM pg_database WHERE datname = current_database()), "
                            f"'pg_database') = '{made_by}'"):
        started = time.monotonic()
        server.psql("postgres", f"DROP DATABASE IF EXISTS {database}_copy; DROP DATABASE IF EXISTS {database}; "
                                f"CREATE DATABASE {database}")
        for schema, changed in (("app_a", []), ("app_b", ["--changed"])):
            sql = subprocess.run([sys.executable, str(ROOT / "scripts/realistic_schema.py"), str(n), schema,
                                  "--seed", str(seed)] + changed, capture_output=True, text=True, check=True).stdout
            server.load(database, sql)
        server.psql(database, f"CREATE EXTENSION dblink; ANALYZE; COMMENT ON DATABASE {database} IS '{made_by}'; "
                              "CREATE EXTENSION migra;")
        print(f"  (loaded {n:,} tables twice in {time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
    if not exists(f"{database}_copy", "SELECT 1 FROM pg_namespace WHERE nspname = 'app_base'"):
        server.psql("postgres", f"DROP DATABASE IF EXISTS {database}_copy; CREATE DATABASE {database}_copy TEMPLATE {database}")
        # renamed, not dropped: dropping 10,000 tables in one transaction needs more locks than a
        # server has by default
        server.psql(f"{database}_copy", "ALTER SCHEMA app_a RENAME TO app_base; ALTER SCHEMA app_b RENAME TO app_a;")
    return database


def measure(server, n, runs, seed):
    database = prepare(server, n, seed)
    counts = server.psql(database, """
        SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
                WHERE s.nspname = 'app_a' AND c.relkind = 'r'),
               (SELECT count(*) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
                WHERE s.nspname = 'app_a' AND c.relkind = 'v'),
               (SELECT count(*) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
                WHERE s.nspname = 'app_a' AND c.relkind = 'i'),
               (SELECT count(*) FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace WHERE s.nspname = 'app_a'),
               (SELECT count(*) FROM migra_diff('app_a', 'app_b', unsafe => true))""").stdout.strip().split("|")
    timing = "SET migra.timing = on; SET client_min_messages = warning;"
    diff, infos = median_ms(server, database, "SELECT count(*) FROM migra_diff('app_a', 'app_b', unsafe => true);", runs, timing)
    in_full, _ = median_ms(server, database, "SELECT count(*) FROM migra_diff('app_a', 'app_b', unsafe => true);", runs,
                           "SET migra.fingerprints = off; SET client_min_messages = warning;")
    same, _ = median_ms(server, database, "SELECT count(*) FROM migra_diff('app_a', 'app_a', unsafe => true);", runs, timing)
    a, b = server.conninfo(database), server.conninfo(f"{database}_copy")
    remote, _ = median_ms(server, database,
                          f"SELECT count(*) FROM migra_diff_remote('{a}', '{b}', schemas => '{{app_a}}', unsafe => true);", runs)
    snapshot, _ = median_ms(server, database, "SELECT length(migra_snapshot('{app_a}')::text);", runs)
    dumps = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run([os.path.join(server.bindir, "pg_dump"), "--schema-only", "-n", "app_a", database],
                       env=server.env, check=True, capture_output=True)
        dumps.append((time.monotonic() - started) * 1000)
    memory = peak_memory_mb(server, database, "SELECT count(*) FROM migra_diff('app_a', 'app_b', unsafe => true);")
    return {
        "n": n, "tables": int(counts[0]), "views": int(counts[1]), "indexes": int(counts[2]),
        "functions": int(counts[3]), "statements": int(counts[4]), "diff": diff, "in_full": in_full, "same": same, "remote": remote,
        "snapshot": snapshot, "pg_dump": statistics.median(dumps), "memory": memory, "stages": stage_medians(infos),
    }


PARTITIONS = 400


def partitioned_sql(schema, extra_index):
    """A table of PARTITIONS range partitions with two indexes and a primary key on the parent."""
    lines = [f"CREATE SCHEMA {schema};",
             f"CREATE TABLE {schema}.events (id bigint GENERATED ALWAYS AS IDENTITY, at int NOT NULL, "
             f"account int NOT NULL, kind text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);",
             f"CREATE INDEX events_account ON {schema}.events (account);",
             f"CREATE INDEX events_kind ON {schema}.events (kind) WHERE kind IS NOT NULL;"]
    lines += [f"CREATE TABLE {schema}.events_{i} PARTITION OF {schema}.events FOR VALUES FROM ({i * 100}) TO ({i * 100 + 100});"
              for i in range(PARTITIONS)]
    if extra_index:
        lines.append(f"CREATE INDEX events_account_at ON {schema}.events (account, at);")
    return "\n".join(lines) + "\n"


def load_once(server, database, made_by, schema_sql):
    """Makes `database` from `schema_sql()` with migra in it, unless a run before made it from the
    same generator (`made_by`, kept as the database's comment)."""
    found = server.psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{database}' "
                                    f"AND shobj_description(oid, 'pg_database') = '{made_by}'").stdout.strip()
    if not found:
        server.psql("postgres", f"DROP DATABASE IF EXISTS {database}; CREATE DATABASE {database}")
        server.load(database, schema_sql())
        server.psql(database, f"CREATE EXTENSION migra; ANALYZE; COMMENT ON DATABASE {database} IS '{made_by}';")


def measure_partitions(server, runs):
    database = "bench_partitions"
    made_by = f"partitions {PARTITIONS} v1"
    load_once(server, database, made_by, lambda: partitioned_sql("parts_a", False) + partitioned_sql("parts_b", True))
    plan = server.psql(database, "SELECT statement FROM migra_diff('parts_a', 'parts_b') WHERE kind <> 'setting'").stdout
    statements = [line for line in plan.splitlines() if line.strip()]
    diff, _ = median_ms(server, database, "SELECT count(*) FROM migra_diff('parts_a', 'parts_b');", runs)
    same, _ = median_ms(server, database, "SELECT count(*) FROM migra_diff('parts_a', 'parts_a');", runs)
    dumps = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run([os.path.join(server.bindir, "pg_dump"), "--schema-only", "-n", "parts_a", database],
                       env=server.env, check=True, capture_output=True)
        dumps.append((time.monotonic() - started) * 1000)
    return {"statements": statements, "diff": diff, "same": same, "pg_dump": statistics.median(dumps)}


SMALL_DIFF = "SELECT count(*) FROM migra_diff('small_a', 'small_b', unsafe => true);"


def warm_session_ms(server, database, calls, settings=""):
    """Median time of a call in one session, over its calls from the third on, and the medians
    of its stages (`migra.timing`) over the same calls."""
    statements = "\n".join([SMALL_DIFF] * calls)
    done = server.psql(database, f"SET client_min_messages = warning;\n{settings}\nSET migra.timing = on;\n"
                                 f"\\timing on\n{statements}", quiet=False)
    found = [float(t) for t in re.findall(r"^Time: ([0-9.]+) ms", done.stdout, re.M)]
    infos = re.findall(r"^INFO:  (?:[0-9A-Z]{5}: )?migra timing of \w+: (.*)$", done.stderr, re.M)
    if len(found) != calls or len(infos) != calls:
        sys.exit(f"bench.py: expected {calls} timings, got {len(found)} and {len(infos)} INFO lines")
    return statistics.median(found[2:]), stage_medians(infos[2:])


def measure_small(server, runs):
    sys.path.insert(0, str(ROOT / "pg_test"))
    from operations import small_schema_sql
    database = "bench_small"
    made_by = "small v1"
    load_once(server, database, made_by, lambda: small_schema_sql("small_a", False) + small_schema_sql("small_b", True))
    statements = int(server.psql(database, SMALL_DIFF).stdout.strip())
    first, _ = median_ms(server, database, SMALL_DIFF, runs, "SET client_min_messages = warning;")
    calls = max(20, runs * 4)
    warm, warm_stages = warm_session_ms(server, database, calls)
    unkept, unkept_stages = warm_session_ms(server, database, calls, "SET migra.keep_plans = off;")
    return {"statements": statements, "first": first, "warm": warm, "unkept": unkept,
            "warm_stages": warm_stages, "unkept_stages": unkept_stages}


def targets(results, small):
    """Issue 23's targets, each with this run's figure: (what, target, figure, met)."""
    by_size = {r["n"]: r for r in results}
    rows = []
    if 10000 in by_size:
        r = by_size[10000]
        rows.append(("`migra_diff`, 10,000 tables", "under 1 s", ms(r["diff"]), r["diff"] < 1000))
        rows.append(("`migra_diff`, 10,000 tables, against one `pg_dump -s`", "under 0.15×",
                     f"{r['diff'] / r['pg_dump']:.2f}×", r["diff"] / r["pg_dump"] < 0.15))
    if 1000 in by_size:
        r = by_size[1000]
        rows.append(("`migra_diff`, 1,000 tables", "under 0.15 s", ms(r["diff"]), r["diff"] < 150))
    rows.append(("10 tables, warm session", "under 10 ms", f"{small['warm']:.1f} ms", small["warm"] < 10))
    if 10000 in by_size:
        r = by_size[10000]
        rows.append(("identical pair, 10,000 tables", "under 0.3 s", ms(r["same"]), r["same"] < 300))
    for r in results:
        rows.append((f"`migra_diff_remote`, {r['n']:,} tables", "within 1.5× of the local diff",
                     f"{r['remote'] / r['diff']:.2f}×", r["remote"] / r["diff"] <= 1.5))
    if 10000 in by_size:
        r = by_size[10000]
        rows.append(("peak memory, 10,000 tables", "under 256 MB", f"{r['memory']:.0f} MB", r["memory"] < 256))
    return rows


def ms(value):
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", required=True)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    server = Server(args.host, args.port, args.bindir)

    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        print(f"== {n:,} tables", file=sys.stderr, flush=True)
        results.append(measure(server, n, args.runs if n < 10000 else max(3, args.runs - 2), args.seed))

    print("| tables | views | indexes | functions | statements | `migra_diff` | every table read in full | identical pair | "
          "`migra_diff_remote` | `migra_snapshot` | `pg_dump -s` one side | diff / pg_dump | peak private memory of a diff |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['tables']:,} | {r['views']:,} | {r['indexes']:,} | {r['functions']:,} | {r['statements']:,} | "
              f"{ms(r['diff'])} | {ms(r['in_full'])} | {ms(r['same'])} | {ms(r['remote'])} | {ms(r['snapshot'])} | {ms(r['pg_dump'])} | "
              f"{r['diff'] / r['pg_dump']:.2f}× | {r['memory']:.0f} MB |")
    print()
    print("Stages of `migra_diff` (medians, ms): " + "; ".join(
        f"{r['n']:,} tables: " + ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items()) for r in results))
    print()
    print(f"== a partitioned table of {PARTITIONS:,} partitions", file=sys.stderr, flush=True)
    p = measure_partitions(server, args.runs)
    print(f"| partitions | statements for one index added to the parent | `migra_diff` | identical pair | `pg_dump -s` one side |")
    print("|---:|---|---:|---:|---:|")
    print(f"| {PARTITIONS:,} | {len(p['statements'])}: `{' '.join(p['statements'])}` | {ms(p['diff'])} | {ms(p['same'])} | "
          f"{ms(p['pg_dump'])} |")
    print()
    print("== two schemas of 10 tables", file=sys.stderr, flush=True)
    small = measure_small(server, args.runs)
    print(f"| 10-table diff ({small['statements']} statements) | first call of a session | warm session | "
          f"warm session, `migra.keep_plans = off` |")
    print("|---|---:|---:|---:|")
    print(f"| `migra_diff` | {small['first']:.1f} ms | {small['warm']:.1f} ms | {small['unkept']:.1f} ms |")
    print()
    for label, key in (("plans kept", "warm_stages"), ("`migra.keep_plans = off`", "unkept_stages")):
        print(f"Stages of the 10-table diff in a warm session, {label} (medians, ms): "
              + ", ".join(f"{k} {v:.2f}" for k, v in small[key].items()))
    print()
    print("| issue 23's target | target | this run | met |")
    print("|---|---|---:|---|")
    for what, target, figure, met in targets(results, small):
        print(f"| {what} | {target} | {figure} | {'yes' if met else 'no'} |")
    print()
    # each step up in size, and the whole range: linear means the time grows no faster than the size
    steps = list(zip(results, results[1:]))
    if len(results) > 2:
        steps.append((results[0], results[-1]))
    for first, last in steps:
        print(f"Growth from {first['n']:,} to {last['n']:,} tables ({last['n'] / first['n']:.0f}× the size): "
              f"migra_diff {last['diff'] / first['diff']:.1f}×, its catalog query {last['stages']['query'] / first['stages']['query']:.1f}×, "
              f"pg_dump {last['pg_dump'] / first['pg_dump']:.1f}×")


if __name__ == "__main__":
    main()
