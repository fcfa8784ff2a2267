#!/usr/bin/env python3
"""Writes the SQL of a realistic application schema of N tables, or of the same schema with
about 1% of its objects changed, for the benchmark (scripts/bench.sh) and the linearity guard.

    python3 scripts/realistic_schema.py N SCHEMA [--changed] [--seed S] > schema.sql

Seeded and deterministic: the same arguments always give the same text, and the changed
schema is the base one with the changes applied, so a diff between the two has a known size.

Shape, per N tables (the kinds migra does not compare yet are generated all the same: reading
or naming them is part of the cost):
- tables of 8 to 12 columns of mixed types: an identity primary key, a tenant, a name, an enum
  status with a default, timestamps, and a choice of a domain (e-mail, money), a varchar with a
  default from a function, jsonb, an array, uuid, double precision, a soft-delete timestamp;
  one or two foreign keys to earlier tables; one CHECK (some through an immutable function);
  one or two secondary indexes, among them partial and expression ones; a comment;
- 3 enums and 3 domains; N/20 functions (some used by defaults and CHECKs, some by views),
  N/10 views (some over joins, some over other views), N/50 triggers, N/50 sequences, row level
  security with a policy on N/20 tables, comments, and grants to a role `bench_reader`. No
  function body names its schema: in a diff of two schemas, a body that says `app_a.code_seq`
  differs from one that says `app_b.code_seq` on every run (see README, "What is compared").
The changed schema: about 1% of the tables each get a column added, dropped or retyped, or an
index added or dropped; about 1% of the views and functions change; N/200 tables (at least one)
are added and N/200 dropped.
"""

import argparse
import copy
import random
import sys

BATCH = 50  # tables per transaction: one transaction must not lock thousands of relations

OPTIONAL_COLUMNS = [
    ("email", "{s}.email"),
    ("amount", "{s}.money_amount NOT NULL DEFAULT 0"),
    ("code", "varchar(32) DEFAULT {s}.next_code()"),
    ("priority", "{s}.priority"),
    ("payload", "jsonb"),
    ("tags", "text[] NOT NULL DEFAULT '{{}}'"),
    ("external_id", "uuid"),
    ("ratio", "double precision"),
    ("deleted_at", "timestamptz"),
    ("note", "text"),
    ("channel", "{s}.channel NOT NULL DEFAULT 'web'"),
    ("quantity", "integer NOT NULL DEFAULT 1"),
]


class Table:
    def __init__(self, name):
        self.name = name
        self.columns = []        # (name, type and options)
        self.foreign_keys = []   # (column, referenced table)
        self.check = None
        self.indexes = []        # (name, definition)
        self.rls = False


def build(n, rng):
    """The base schema's model."""
    width = max(4, len(str(n)))
    tables = []
    for i in range(n):
        t = Table(f"t{i + 1:0{width}d}")
        t.columns = [
            ("id", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY"),
            ("tenant_id", "integer NOT NULL"),
            ("name", "text NOT NULL"),
            ("status", "{s}.status NOT NULL DEFAULT 'new'"),
            ("created_at", "timestamptz NOT NULL DEFAULT now()"),
            ("updated_at", "timestamptz"),
        ]
        extra = rng.sample(OPTIONAL_COLUMNS, rng.randint(1, 5))
        t.columns += extra
        if i > 0:
            for k in range(1 if rng.random() < 0.7 else 2):
                ref = tables[rng.randrange(max(0, i - 50), i)].name
                column = f"{ref}_id" if k == 0 else f"{ref}_id2"
                if column not in (c for c, _ in t.columns):
                    t.columns.append((column, "bigint"))
                    t.foreign_keys.append((column, ref))
        names = {c for c, _ in t.columns}
        if "code" in names and rng.random() < 0.5:
            t.check = "{s}.is_valid_code(code)"
        elif "amount" in names:
            t.check = "amount < 1000000000"
        else:
            t.check = "char_length(name) <= 200"
        t.indexes.append((f"{t.name}_tenant_created", "(tenant_id, created_at DESC)"))
        if "deleted_at" in names:
            t.indexes.append((f"{t.name}_live", "(status) WHERE deleted_at IS NULL"))
        elif "email" in names:
            t.indexes.append((f"{t.name}_email", "(lower(email::text))"))
        elif t.foreign_keys:
            t.indexes.append((f"{t.name}_fk", f"({t.foreign_keys[0][0]})"))
        t.rls = i % 20 == 7
        tables.append(t)
    functions = {f"fn{k + 1:0{width}d}": 1 for k in range(max(1, n // 20))}
    views = []
    for k in range(max(1, n // 10)):
        name = f"v{k + 1:0{width}d}"
        if k % 5 == 4:
            views.append((name, ("over", views[k - 1][0], 0)))
        else:
            # a table with a foreign key, joined to what it references
            t = tables[rng.randrange(1, n)] if n > 1 else tables[0]
            views.append((name, ("join", t.name, t.foreign_keys[0] if t.foreign_keys else None, 0)))
    return {"tables": tables, "functions": functions, "views": views, "width": width}


def change(model, n, rng):
    """About 1% of the objects changed; returns a new model."""
    model = copy.deepcopy(model)
    tables = model["tables"]
    used = {ref for t in tables for _, ref in t.foreign_keys}
    for name, view in model["views"]:
        used.add(view[1])
        if view[0] == "join" and view[2] is not None:
            used.add(view[2][1])
    kinds = ["add column", "drop column", "retype", "add index", "drop index"]
    for k, t in enumerate(rng.sample(tables, max(1, n // 100))):
        kind = kinds[k % len(kinds)]
        names = [c for c, _ in t.columns]
        if kind == "add column":
            t.columns.append(("added_col", "text DEFAULT 'x'"))
        elif kind == "drop column":
            optional = [c for c in names if c in dict(OPTIONAL_COLUMNS) and c not in ("email", "deleted_at", "code", "amount")]
            if optional:
                t.columns = [(c, d) for c, d in t.columns if c != optional[0]]
            else:
                t.columns.append(("added_col", "integer"))
        elif kind == "retype":
            t.columns = [(c, "bigint NOT NULL" if c == "tenant_id" else d) for c, d in t.columns]
        elif kind == "add index":
            t.indexes.append((f"{t.name}_name", "(name)"))
        elif kind == "drop index" and len(t.indexes) > 1:
            t.indexes.pop()
        else:
            t.indexes.append((f"{t.name}_name", "(name text_pattern_ops)"))
    for name in rng.sample(sorted(model["functions"]), max(1, len(model["functions"]) // 100)):
        model["functions"][name] = 2
    views = model["views"]
    for k in rng.sample(range(len(views)), max(1, len(views) // 100)):
        name, view = views[k]
        views[k] = (name, view[:-1] + (1,))
    droppable = [t for t in tables if t.name not in used]
    for t in rng.sample(droppable, min(len(droppable), max(1, n // 200))):
        tables.remove(t)
    for k in range(max(1, n // 200)):
        t = Table(f"x_added_{k + 1}")
        t.columns = [("id", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY"), ("tenant_id", "integer NOT NULL"),
                     ("name", "text NOT NULL"), ("created_at", "timestamptz NOT NULL DEFAULT now()"),
                     (f"{tables[0].name}_id", "bigint")]
        t.foreign_keys = [(f"{tables[0].name}_id", tables[0].name)]
        t.check = "char_length(name) <= 200"
        t.indexes = [(f"x_added_{k + 1}_tenant", "(tenant_id)")]
        tables.append(t)
    return model


def render(model, s):
    out = [f"""SET client_min_messages = warning;
DO $$ BEGIN CREATE ROLE bench_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA {s};
GRANT USAGE ON SCHEMA {s} TO bench_reader;
CREATE TYPE {s}.status AS ENUM ('new', 'active', 'suspended', 'closed');
CREATE TYPE {s}.priority AS ENUM ('low', 'normal', 'high', 'urgent');
CREATE TYPE {s}.channel AS ENUM ('web', 'mobile', 'email', 'phone', 'partner');
CREATE DOMAIN {s}.email AS text CHECK (VALUE ~ '^[^@]+@[^@]+$');
CREATE DOMAIN {s}.money_amount AS numeric(14,2) CHECK (VALUE >= 0);
CREATE DOMAIN {s}.short_code AS varchar(16) CHECK (char_length(VALUE) > 0);
CREATE SEQUENCE {s}.code_seq;
CREATE FUNCTION {s}.next_code() RETURNS varchar LANGUAGE sql VOLATILE
  AS $f$ SELECT 'C' || (1000000 + floor(random() * 1000000))::bigint::text $f$;
CREATE FUNCTION {s}.is_valid_code(c varchar) RETURNS boolean LANGUAGE sql IMMUTABLE
  AS $f$ SELECT c IS NULL OR c ~ '^C[0-9]+$' $f$;
CREATE FUNCTION {s}.touch_updated_at() RETURNS trigger LANGUAGE plpgsql
  AS $f$ BEGIN NEW.updated_at := now(); RETURN NEW; END $f$;
"""]
    width = model["width"]
    for name, version in sorted(model["functions"].items()):
        body = "SELECT x + 1" if version == 1 else "SELECT x + 2"
        out.append(f"CREATE FUNCTION {s}.{name}(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $f$ {body} $f$;\n")
    for k in range(len(model["tables"]) // 50):
        out.append(f"CREATE SEQUENCE {s}.seq{k + 1:0{width}d} START 100 CACHE 10;\n")
    tables = model["tables"]
    for start in range(0, len(tables), BATCH):
        out.append("BEGIN;\n")
        for t in tables[start:start + BATCH]:
            columns = [f"  {c} {d.format(s=s)}" for c, d in t.columns]
            columns += [f"  CONSTRAINT {t.name}_{c}_fkey FOREIGN KEY ({c}) REFERENCES {s}.{ref} (id)"
                        for c, ref in t.foreign_keys]
            columns.append(f"  CONSTRAINT {t.name}_check CHECK ({t.check.format(s=s)})")
            out.append(f"CREATE TABLE {s}.{t.name} (\n" + ",\n".join(columns) + "\n);\n")
            for name, definition in t.indexes:
                out.append(f"CREATE INDEX {name} ON {s}.{t.name} {definition};\n")
            out.append(f"COMMENT ON TABLE {s}.{t.name} IS 'The {t.name} of a tenant.';\n")
            out.append(f"COMMENT ON COLUMN {s}.{t.name}.tenant_id IS 'Owner of the row.';\n")
            if t.rls:
                out.append(f"ALTER TABLE {s}.{t.name} ENABLE ROW LEVEL SECURITY;\n")
                out.append(f"CREATE POLICY {t.name}_tenant ON {s}.{t.name} "
                           f"USING (tenant_id = current_setting('app.tenant', true)::integer);\n")
            if int(t.name[1:] if t.name[1:].isdigit() else 1) % 50 == 3:
                out.append(f"CREATE TRIGGER {t.name}_touch BEFORE UPDATE ON {s}.{t.name} "
                           f"FOR EACH ROW EXECUTE FUNCTION {s}.touch_updated_at();\n")
            out.append(f"GRANT SELECT ON {s}.{t.name} TO bench_reader;\n")
        out.append("COMMIT;\n")
    present = {t.name: t for t in tables}
    for start in range(0, len(model["views"]), BATCH):
        out.append("BEGIN;\n")
        for k, (name, view) in enumerate(model["views"][start:start + BATCH], start):
            where = " WHERE a.tenant_id > 0" if view[-1] else ""
            if view[0] == "over":
                sql = f"SELECT * FROM {s}.{view[1]} a" + (" WHERE a.id > 10" if view[-1] else "")
            elif view[2] is None or view[1] not in present:
                sql = f"SELECT a.id, a.name, a.status FROM {s}.{view[1]} a{where}"
            else:
                column, ref = view[2]
                score = ""
                if k % 3 == 0:
                    functions = sorted(model["functions"])
                    score = f", {s}.{functions[k % len(functions)]}(a.tenant_id) AS score"
                sql = (f"SELECT a.id, a.name, a.status, b.id AS ref_id, b.name AS ref_name{score} "
                       f"FROM {s}.{view[1]} a JOIN {s}.{ref} b ON b.id = a.{column}{where}")
            out.append(f"CREATE VIEW {s}.{name} AS {sql};\n")
            out.append(f"GRANT SELECT ON {s}.{name} TO bench_reader;\n")
        out.append("COMMIT;\n")
    return "".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tables", type=int)
    parser.add_argument("schema")
    parser.add_argument("--changed", action="store_true", help="the schema with about 1%% of its objects changed")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.tables < 2:
        sys.exit("realistic_schema.py: N must be at least 2")
    model = build(args.tables, random.Random(args.seed))
    if args.changed:
        model = change(model, args.tables, random.Random(args.seed + 1))
    sys.stdout.write(render(model, args.schema))


if __name__ == "__main__":
    main()
