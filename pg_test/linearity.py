#!/usr/bin/env python3
"""A guard that fails when the catalog queries, or the fingerprint scan in Rust, stop growing
linearly with the schema, so that the next object kind cannot quietly make them quadratic again.

It counts work, not time: each query (sql/catalog.sql, or --catalog FILE, read in full; and
sql/fingerprints.sql, which a diff reads first) runs under
EXPLAIN (ANALYZE, FORMAT JSON), and its work is the number of rows every plan node handled,
returned or filtered out, times the node's loops. A CTE scanned once per object (what made
10,000 identity columns take 51 s) shows up as loops times rows. The count does not depend on
how busy the machine is. The fingerprint scan (src/catalog/fingerprint_scan.rs, what migra_diff
runs on two schemas of one database) counts its own work: the catalog rows it fetched and the
calls of PostgreSQL's deparsers it made, which it says at DEBUG1.

Two comparisons, on realistic schemas (scripts/realistic_schema.py):
- one schema of 2,000 tables against one of 500, read as `migra_diff` reads them;
- 160 schemas of 5 tables against 40 of them, read as whole databases.
Each size is read in a database of its own, analyzed, so that the catalogs grow with what is
read and the planner sees their real sizes. Linear growth gives about 4 times the work; the guard fails above LIMIT (6). Times are printed
alongside, for information.

Each test prints "ok <name>" or "FAIL <name>: <reason>"; the last line is "N passed, N failed".
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CaseFailure, Cluster, Tests, literal  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 6.0


def node_work(node):
    """Rows a plan node and its children handled, times their loops."""
    loops = node.get("Actual Loops", 1)
    rows = node.get("Actual Rows", 0)
    for removed in ("Rows Removed by Filter", "Rows Removed by Join Filter", "Rows Removed by Index Recheck"):
        rows += node.get(removed, 0)
    return rows * loops + sum(node_work(child) for child in node.get("Plans", []))


def for_version(sql, server_version_num):
    """The text for this server: `{{version field | otherwise}}` as fingerprints::query_for does."""
    def choose(match):
        return match.group(2) if server_version_num >= int(match.group(1)) else match.group(3)
    return re.sub(r"\{\{(\d+) (.+?) \| (.+?)\}\}", choose, sql)


class Guard(Tests):
    def __init__(self, cluster, catalog_sql, fingerprints_sql):
        super().__init__()
        version = int(cluster.query("postgres", "SHOW server_version_num"))
        # (what, text, argument types, arguments after the schemas)
        self.queries = [
            ("catalog query", for_version(catalog_sql, version), "text[], text[], oid[]", "NULL, NULL"),
            ("fingerprint query", for_version(fingerprints_sql, version), "text[], text[]", "NULL"),
        ]
        self.cluster = cluster

    def database(self, name, schemas):
        """A database of its own holding `schemas` [(name, tables)], analyzed: its catalogs grow
        with what is read, and the planner sees their real sizes, as on a user's server."""
        self.cluster.psql("postgres", f"DROP DATABASE IF EXISTS {name}")
        self.cluster.psql("postgres", f"CREATE DATABASE {name}")
        for schema, tables in schemas:
            sql = subprocess.run([sys.executable, str(ROOT / "scripts/realistic_schema.py"), str(tables), schema],
                                 capture_output=True, text=True, check=True).stdout
            self.cluster.psql(name, sql)
        self.cluster.psql(name, "ANALYZE")
        return name

    def work(self, database, search_path, schemas):
        """{what: (work, milliseconds)} of one run of each query, after a warm-up run."""
        array = "ARRAY[" + ", ".join(literal(s) for s in schemas) + "]::text[]"
        measured = {}
        for what, sql, types, rest in self.queries:
            script = f"""
                SET jit = off; SET search_path = {search_path};
                PREPARE query({types}) AS {sql};
                EXECUTE query({array}, {rest}) \\g /dev/null
                EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE query({array}, {rest});"""
            plan = json.loads(self.cluster.query(database, script))[0]
            measured[what] = (node_work(plan["Plan"]), plan["Execution Time"])
        if len(schemas) == 1:
            measured["fingerprint scan"] = self.scan_work(database, schemas[0])
        self.cluster.psql("postgres", f"DROP DATABASE IF EXISTS {database}")
        return measured

    def scan_work(self, database, schema):
        """(work, milliseconds) of the fingerprint scan that `migra_diff` runs on two schemas of
        one database (here the schema against itself): the catalog rows it fetched plus the
        deparser calls it made, which it says at DEBUG1, and its stage's time (migra.timing)."""
        self.cluster.psql(database, "CREATE EXTENSION IF NOT EXISTS migra CASCADE")
        call = f"SELECT count(*) FROM public.migra_diff({literal(schema)}, {literal(schema)});\n"
        result = self.cluster.psql(database, "SET jit = off; SET migra.timing = on;\n"
                                             "SET client_min_messages = debug1;\n" + call * 2)
        works = re.findall(r"migra fingerprint scan: (\d+) catalog rows, (\d+) deparsed", result.stderr)
        times = re.findall(r"fingerprints ([0-9.]+) ms", result.stderr)
        if not works or not times:
            raise CaseFailure("migra_diff said nothing of its fingerprint scan:\n" + result.stderr[-2000:])
        rows, calls = works[-1]
        return int(rows) + int(calls), float(times[-1])

    def compare(self, small, large, what):
        for query in small:
            unit = "catalog rows and deparser calls" if query == "fingerprint scan" else "rows handled"
            (w1, t1), (w2, t2) = small[query], large[query]
            ratio = w2 / w1
            print(f"     ({query}, {what}: work {w1:,} -> {w2:,} {unit}, {ratio:.2f}x; "
                  f"time {t1:.0f} -> {t2:.0f} ms, {t2 / t1:.2f}x)")
            if ratio > LIMIT:
                raise CaseFailure(f"the {query}: 4 times the size took {ratio:.1f} times the work (limit {LIMIT}): "
                                  "it is no longer linear")

    def one_schema(self):
        small = self.work(self.database("migra_linearity_500", [("app", 500)]), 'pg_catalog, "app"', ["app"])
        large = self.work(self.database("migra_linearity_2000", [("app", 2000)]), 'pg_catalog, "app"', ["app"])
        self.compare(small, large, "one schema, 500 -> 2,000 tables")

    def many_schemas(self):
        # many small schemas, so that anything done once per schema over every object shows
        def names(count):
            return [f"s{k:03d}" for k in range(count)]
        small = self.work(self.database("migra_linearity_40", [(n, 5) for n in names(40)]), "pg_catalog", names(40))
        large = self.work(self.database("migra_linearity_160", [(n, 5) for n in names(160)]), "pg_catalog", names(160))
        self.compare(small, large, "whole database, 40 -> 160 schemas of 5 tables")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="")
    parser.add_argument("--catalog", default=str(ROOT / "sql/catalog.sql"), help="the catalog query to measure")
    parser.add_argument("--fingerprints", default=str(ROOT / "sql/fingerprints.sql"),
                        help="the fingerprint query to measure")
    args = parser.parse_args()

    cluster = Cluster(args.host, args.port, args.bindir)
    guard = Guard(cluster, Path(args.catalog).read_text(), Path(args.fingerprints).read_text())
    guard.run("the catalog queries of one schema grow linearly", guard.one_schema)
    guard.run("the catalog queries of a whole database grow linearly with its schemas", guard.many_schemas)
    guard.finish()


if __name__ == "__main__":
    main()
