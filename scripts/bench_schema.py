#!/usr/bin/env python3
"""Writes the SQL of plain schemas bench_a and bench_b with N tables each (pg_test/operations.py
loads it for its cancellation test; the benchmark uses scripts/realistic_schema.py).

    python3 scripts/bench_schema.py N > bench_N.sql

Every table of bench_a has 8 columns of mixed types (serial primary key, integer, text,
varchar(n), numeric(10,2), timestamptz DEFAULT now(), jsonb, int[]), one secondary index, a CHECK
and a FOREIGN KEY to the previous table (all but the first). bench_b is bench_a with about 10% of
the tables changed, in turn: a column added, a type widened, an index changed, a default
changed; and with tables dropped (the last one, and one in the middle, whose successor then
points its foreign key one table further back) and two tables added.

Statements are committed in batches, so that no transaction holds a lock on thousands of
relations (the default lock table has room for about 6,400).
"""
import sys

BATCH = 100  # tables per transaction


def table_sql(schema, name, prev, change=None):
    """CREATE TABLE and CREATE INDEX for one table; prev is the referenced table or None."""
    code_type = "varchar(64)" if change == "widen" else "varchar(32)"
    amount_default = "1" if change == "default" else "0"
    cols = [
        "id serial PRIMARY KEY",
        "prev_id integer",
        "name text NOT NULL",
        f"code {code_type}",
        f"amount numeric(10,2) NOT NULL DEFAULT {amount_default}",
        "created_at timestamptz NOT NULL DEFAULT now()",
        "payload jsonb",
        "tags int[]",
    ]
    if change == "add_column":
        cols.append("note text DEFAULT ''")
    cols.append(f"CONSTRAINT {name}_amount_check CHECK (amount >= 0)")
    if prev is not None:
        cols.append(f"CONSTRAINT {name}_prev_fk FOREIGN KEY (prev_id) REFERENCES {schema}.{prev} (id)")
    index_keys = "code, created_at DESC" if change == "index" else "code"
    return (
        f"CREATE TABLE {schema}.{name} (\n  " + ",\n  ".join(cols) + "\n);\n"
        f"CREATE INDEX {name}_code_idx ON {schema}.{name} ({index_keys});\n"
    )


def schema_sql(schema, tables):
    """tables: list of (name, prev, change). Batched in transactions."""
    out = [f"CREATE SCHEMA {schema};\n"]
    for start in range(0, len(tables), BATCH):
        out.append("BEGIN;\n")
        for name, prev, change in tables[start:start + BATCH]:
            out.append(table_sql(schema, name, prev, change))
        out.append("COMMIT;\n")
    return "".join(out)


def main():
    n = int(sys.argv[1])
    if n < 1:
        sys.exit("bench_schema.py: N must be at least 1")
    width = max(4, len(str(n)))
    names = [f"t{i:0{width}d}" for i in range(1, n + 1)]

    a = [(names[i], names[i - 1] if i else None, None) for i in range(n)]

    # bench_b: every 10th table (the 6th, 16th, ...) changed, the kinds of change in turn
    kinds = ["add_column", "widen", "index", "default"]
    changes = {}
    for k, i in enumerate(range(5, n, 10)):
        changes[i] = kinds[k % len(kinds)]
    dropped = set()
    repointed = {}
    if n >= 4:
        dropped.add(n - 1)                  # the last table: nothing references it
        middle = n // 2 + 1
        if middle not in changes and middle + 1 < n - 1:
            dropped.add(middle)             # its successor now references the table before it
            repointed[middle + 1] = names[middle - 1]
    b = []
    for i in range(n):
        if i in dropped:
            continue
        prev = repointed.get(i, names[i - 1] if i else None)
        b.append((names[i], prev, changes.get(i)))
    b.append(("x_added_1", names[0], None))
    b.append(("x_added_2", "x_added_1", None))

    sys.stdout.write("SET client_min_messages = warning;\n")
    sys.stdout.write(schema_sql("bench_a", a))
    sys.stdout.write(schema_sql("bench_b", b))
    sys.stdout.write("ANALYZE;\n")


if __name__ == "__main__":
    main()
