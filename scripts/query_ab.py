#!/usr/bin/env python3
"""Times forms of a catalog query against each other, in one session, in turn.

Between two runs of scripts/bench.sh this machine moves by 10 to 30%, more than a change to a
query often buys. Here every form is prepared in one session (a generic plan, as the extension
runs it), then each is run in turn, round after round, on the same schema: whatever the machine
does falls on all of them alike. Prints the minimum and the median of each (the first round is
left out: it warms the caches).

    git show HEAD~3:sql/fingerprints.sql > /tmp/before.sql
    python3 scripts/query_ab.py --host /tmp/migra-bench --port 5499 --database bench_1000 \\
        --schema app_a /tmp/before.sql sql/fingerprints.sql

A form is the text of sql/catalog.sql or sql/fingerprints.sql (from any commit): its
`{{version field | otherwise}}` parts are chosen for the server, and `--local` gives the
fingerprint query the form the extension runs (trees stripped by migra_strip_node_tree, which
needs the extension in the database). The catalog query reads no table in full unless
`--tables N` names the first N tables of the schema, by name.
"""

import argparse
import re
import statistics
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pg_test"))
from linearity import for_version  # noqa: E402  (the templates, as fingerprints::query_for reads them)

STRIP_IN_SQL = ("pg_catalog.regexp_replace(r.raw, ' :(location|vartype|vartypmod|varcollid) -?[0-9]+', "
                "'', 'g')")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--psql", default="psql")
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--tables", type=int, default=0)
    parser.add_argument("--local", action="store_true")
    parser.add_argument("forms", nargs="+")
    args = parser.parse_args()

    def psql(script):
        done = subprocess.run([args.psql, "-h", args.host, "-p", args.port, "-U", "postgres", "-d", args.database,
                               "-X", "-qAt", "-v", "ON_ERROR_STOP=1", "-f", "-"],
                              input=script, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(done.stderr.strip())
        return done.stdout

    version = int(psql("SHOW server_version_num;").strip())
    schema_literal = "'" + args.schema.replace("'", "''") + "'"
    schema_ident = '"' + args.schema.replace('"', '""') + '"'
    script = "SET jit = off;\nSET search_path = pg_catalog;\n"
    calls = []
    for i, path in enumerate(args.forms):
        text = for_version(open(path).read(), version)
        if args.local:
            schema = psql("SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n "
                          "ON n.oid = e.extnamespace WHERE e.extname = 'migra';").strip()
            text = text.replace(STRIP_IN_SQL, f"{schema}.migra_strip_node_tree(r.raw)")
        if "$3::pg_catalog.oid[]" in text:
            script += f"PREPARE form{i}(text[], text[], oid[]) AS {text};\n"
            tables = (f"(SELECT array_agg(c.oid ORDER BY c.relname) FROM (SELECT c.oid, c.relname "
                      f"FROM pg_class c WHERE c.relnamespace = {schema_literal}::regnamespace AND c.relkind = 'r' "
                      f"ORDER BY c.relname LIMIT {args.tables}) c)")
            script += f"SELECT coalesce({tables}, '{{}}') AS tables_{i} \\gset\n"
            calls.append(f"EXECUTE form{i}(ARRAY[{schema_literal}], NULL, :'tables_{i}')")
        else:
            script += f"PREPARE form{i}(text[], text[]) AS {text};\n"
            calls.append(f"EXECUTE form{i}(ARRAY[{schema_literal}], NULL)")
    # the schema's own path, as a read of one schema runs under
    script += f"SET search_path = pg_catalog, {schema_ident};\n\\timing on\n"
    for _ in range(args.rounds + 1):
        for call in calls:
            script += f"{call} \\g /dev/null\n"
    times = [float(t) for t in re.findall(r"Time: ([0-9.]+) ms", psql(script))]
    for i, path in enumerate(args.forms):
        mine = times[i::len(args.forms)][1:]
        print(f"{path:<40} min {min(mine):8.1f} ms   median {statistics.median(mine):8.1f} ms")


if __name__ == "__main__":
    main()
