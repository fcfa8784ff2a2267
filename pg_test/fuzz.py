#!/usr/bin/env python3
"""Seeded, randomized round trips: random pairs of schemas, each checked as pg_test/run.py checks a case.

For every pair, a source schema of 2 to 6 tables is generated (only the object kinds the
extension compares: tables, columns, constraints, indexes, sequences, functions, views over
tables and over other views, some calling a function, materialized views with indexes, row
level security with policies, and user types: enums (labels that need quoting among them),
domains over text, integer, numeric(p,s) or an enum, with defaults, NOT NULL and named CHECKs,
some NOT VALID; composite types, some with enum or domain attributes; range types over float8,
integer or text), and a target is derived from it by 1 to 8 random mutations, so that the diff
between them means something. User types are column types (enums and composites also as
arrays) and function argument types (a composite sometimes only that); an enum's labels are
named by column defaults ('x'::e), CHECKs, partial index predicates, view WHERE clauses and
domain defaults and CHECKs; views call functions that take a user type. Their mutations add
and drop types; add enum labels (first, in the middle, last, several), remove or reorder them,
or add one and name it in a new default or CHECK; change a domain's default, NOT NULL, CHECKs
(and their validation), base type or collation; add, drop and retype a composite's attributes;
change a range's subtype, subtype_diff or multirange name; move a column between a user type
and text. About a third of the sources also get a tree: a partitioned table (PARTITION BY
RANGE on an integer or date column or on lower() of a text one, LIST on an integer or text
column, HASH with a modulus; a second key column sometimes) with 1 to 4 partitions, a DEFAULT
one and a sub-partitioned one among them sometimes, indexes, a PRIMARY KEY with the key columns
and a CHECK on the parent, a partition's own index or column default, a view over the parent
and a plain table shaped like it; or an inheritance parent with 1 or 2 children that have
columns of their own, one sometimes with a second parent that shares a column of the same type.
Their mutations add, drop, detach (into a plain table) and attach (a plain table, most often
one shaped like the parent) partitions; change a partition's bound (to values no sibling has);
add, drop and retype a column on a tree's parent (down the tree; the inheritance children keep
a dropped one sometimes, as a local column of theirs); add and drop an index on a parent, or a
partition's own; change a partition key (the partitions kept with new bounds, or new ones),
make a plain table partitioned or a partitioned one plain; add and drop an inheritance child,
NO INHERIT (the child keeps the columns and CHECKs it had as its own), or give a child a second
parent (a new one, with columns it has from its first: a column INHERIT finds local stays
local, which no child made with INHERITS is, so a plain table never gets a parent). The
generator keeps a model of each schema and repairs it after every mutation (a dropped column takes its constraints, indexes, generated columns and owned sequences with it;
a foreign key needs a unique key with the same column types, and a logged table may only
reference logged ones; an identity column is NOT NULL with no default; a view loses the columns
its table lost, and goes with its table or function; a dropped type takes its columns, the
domains over it and the attributes of its type, as DROP TYPE ... CASCADE would; a label gone
takes what named it; a partition has its parent's columns, bounds do not overlap, one DEFAULT
partition at most, a PRIMARY KEY or UNIQUE on a partitioned table has every key column of its
tree, no foreign key references a partitioned table or a partition, an inheritance child's
columns match its parents' types; ...), so that both SQL files load on PostgreSQL 15 (and 14
to 18: what the trees use is in all of them). No rows are inserted.
Then, in a fresh database made from a template that has CREATE EXTENSION migra:

1. the source SQL is loaded into schema "source" and the target SQL into schema "target"
   (search_path through PGOPTIONS, psql -1 with ON_ERROR_STOP). A pair that does not load is
   a bug of this generator: it is counted as failed, as "invalid";
2. the plan of migra_diff('source', 'target', unsafe => true) (with lock_safe => true for
   every odd pair) is applied statement by statement (a non_transactional one bare), each in a transaction of its own as \\gexec runs them, from a session whose
   search_path points at the target schema; each row's lock_mode and table_rewrite hazard are
   held to what its statement did (run.py's apply_observing);
3. a second diff must return zero rows;
4. pg_dump --schema-only of both schemas must be equal once normalised as run.py does (and,
   as run.py allows column order to differ, with each table's run of SET STATISTICS, SET COMPRESSION and
   SET STORAGE lines, which pg_dump writes in column order, compared as a set).

A lost server (a crashed backend) stops the run, --keep-going or not.

A failing pair is written to pg_test/_fuzz_failures/seed-<seed>-<n>/ (source.sql, target.sql,
plan.sql, reason.txt; run.py skips folders that start with "_"). Prints "ok <n>" or
"FAIL <n>: <reason>" per pair and ends with "N passed, N failed"; exits 1 on any failure. The
same --seed always gives the same pairs (pair n does not depend on --count). Uses databases
named migra_fuzz_* and drops them. Standard library only; psql and pg_dump do the talking.
"""

import argparse
import copy
import difflib
import os
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # leave no __pycache__ in the work tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CaseFailure, Cluster, apply_observing, normalised_dump, same_tables_read_by_both_readers  # noqa: E402  (pg_test/run.py, the case runner)

FAILURES = Path(__file__).resolve().parent / "_fuzz_failures"

# ---------------------------------------------------------------------------------------------
# Types

INT_TYPES = ("smallint", "integer", "bigint")
RANGES = {"smallint": (-32768, 32767), "integer": (-2**31, 2**31 - 1), "bigint": (-2**63, 2**63 - 1)}
SERIAL_NAMES = {"smallint": "smallserial", "integer": "serial", "bigint": "bigserial"}
VARLENA = ("text", "varchar", "numeric", "jsonb", "int[]", "text[]")
KEYABLE = ("int", "num", "text", "date", "ts", "uuid", "bool", "enum")  # families that may be in a PK or UNIQUE
STORAGES = ("PLAIN", "EXTERNAL", "EXTENDED", "MAIN")


# User types: a column's type tuple is (kind, name, array) with kind "enum", "domain", "comp"
# (a composite type) or "range"; the type itself is in Schema.types.
USER_KINDS = ("enum", "domain", "comp", "range")
USER_FAMILIES = ("enum", "enumarr", "dom", "comp", "comparr", "range")


def is_user(t):
    return t[0] in USER_KINDS


def type_sql(t):
    if is_user(t):
        return qi(t[1]) + ("[]" if t[2] else "")
    if t[0] == "varchar":
        return f"varchar({t[1]})"
    if t[0] == "numeric":
        return f"numeric({t[1]},{t[2]})"
    return {"int[]": "integer[]", "timestamptz": "timestamp with time zone"}.get(t[0], t[0])


def family(t):
    if is_user(t):
        return {"enum": "enum", "domain": "dom", "comp": "comp", "range": "range"}[t[0]] + ("arr" if t[2] else "")
    return {"smallint": "int", "integer": "int", "bigint": "int", "numeric": "num", "text": "text",
            "varchar": "text", "boolean": "bool", "timestamptz": "ts", "date": "date", "jsonb": "jsonb",
            "uuid": "uuid", "int[]": "intarr", "text[]": "textarr"}[t[0]]


def type_changes(t):
    """Types the column may change to: every old value and default casts."""
    k = t[0]
    if k == "smallint":
        return [("integer",), ("bigint",)]
    if k == "integer":
        return [("bigint",), ("bigint",), ("numeric", 12, 0), ("numeric", 14, 2)]
    if k == "bigint":
        return [("numeric", 20, 0)]
    if k == "varchar":
        return [("varchar", t[1] + 10), ("text",)]
    if k == "text":
        return [("varchar", 40)]
    if k == "numeric":
        return [("numeric", t[1] + 2, t[2]), ("numeric", t[1] + 2, t[2] + 1)]
    if k == "date":
        return [("timestamptz",)]
    if k == "uuid":
        return [("text",)]
    return []


# Which column families a default made for one family still suits (after a type change).
DEFAULT_FITS = {"int": ("int", "num"), "nextval": ("int", "num"), "num": ("num",), "text": ("text",),
                "uuid": ("uuid", "text"), "date": ("date", "ts"), "ts": ("ts",), "bool": ("bool",),
                "jsonb": ("jsonb",), "intarr": ("intarr",), "textarr": ("textarr",), "enumarr": ("enumarr",),
                "range": ("range",)}

DEFAULTS = {
    "int": ["0", "1", "42", "-1", "7"],
    "num": ["0", "1.5", "-2.25", "100"],
    "text": ["''", "'abc'", "'it''s'", "'a\"b'", "'Ünï'"],
    "bool": ["true", "false"],
    "ts": ["now()", "'2020-01-01 00:00:00+00'", "CURRENT_TIMESTAMP"],
    "date": ["CURRENT_DATE", "'2020-01-01'"],
    "jsonb": ["'{}'::jsonb", "'[]'", "'{\"a\": 1}'::jsonb"],
    "uuid": ["gen_random_uuid()", "'00000000-0000-0000-0000-000000000000'"],
    "intarr": ["'{}'", "'{1,2}'", "ARRAY[1, 2]"],
    "textarr": ["'{}'", "'{a,\"b c\"}'"],
    "range": ["'empty'"],
}

# CHECK expressions by family; @0 is the column. They stay valid through every type change above.
CHECKS = {
    "int": ["@0 > 0", "@0 >= -100", "@0 BETWEEN 0 AND 1000", "@0 <> 13"],
    "num": ["@0 > 0", "@0 >= -100", "@0 <> 13"],
    "text": ["length(@0) <= 40", "@0 <> 'it''s'", "@0 <> 'say \"hi\"'", "@0 LIKE 'a%'", "@0 IN ('a', 'b''c')"],
    "bool": ["@0 IS NOT FALSE"],
    "date": ["@0 > '2000-01-01'"],
    "ts": ["@0 > '2000-01-01 00:00:00+00'"],
    "jsonb": ["jsonb_typeof(@0) = 'object'"],
    "uuid": ["@0 IS NOT NULL"],
    "intarr": ["cardinality(@0) < 10"],
    "textarr": ["cardinality(@0) < 10"],
    # user types (the checks that name an enum's labels are made in Gen.check_expr)
    "enum": ["@0 IS NOT NULL", "@0::text <> ''"],
    "enumarr": ["cardinality(@0) < 10"],
    "dom": ["@0 IS NOT NULL", "@0::text <> 'zz'"],
    "comp": ["@0 IS NOT NULL"],
    "comparr": ["cardinality(@0) < 10"],
    "range": ["NOT isempty(@0)", "@0 IS NOT NULL"],
}
GENERATED = ["@0 * 2", "@0 + 1", "coalesce(@0, 0) * 3", "abs(@0)"]

# Features of PostgreSQL 15 (UNIQUE NULLS NOT DISTINCT, unlogged sequences): left out of the SQL
# when the pairs go to an older server (--server), so that its pairs load instead of being skipped.
PG15_FEATURES = True
# Of PostgreSQL 14: multiranges (a range type's multirange_type_name).
PG14_FEATURES = True
# ICU collations: the servers from PyPI wheels are built without ICU
ICU = True

# Enum labels: some need quoting (an apostrophe, a space, a double quote, a comma).
LABELS = ["red", "green", "blue", "pending", "done", "ok", "sad", "on hold", "it's", "naïve", "Big",
          'say "hi"', "a,b", "x y"]
# Domains: the base types, and defaults and CHECKs (on VALUE) by the base's family; an enum base
# gets defaults and CHECKs that name its labels (Gen.domain_check).
DOMAIN_BASES = [("text",), ("text",), ("integer",), ("integer",), ("numeric", 10, 2), ("numeric", 12, 0)]
DOMAIN_DEFAULTS = {"text": ["'abc'", "''", "'it''s'"], "int": ["0", "7", "-1"], "num": ["0", "1.5", "100"]}
DOMAIN_CHECKS = {"text": ["length(VALUE) < 40", "VALUE <> ''", "VALUE LIKE 'a%'", "VALUE <> 'it''s'"],
                 "int": ["VALUE > 0", "VALUE <> 13", "VALUE BETWEEN -100 AND 1000"],
                 "num": ["VALUE >= 0", "VALUE < 1000000"]}
# Composite types: the attributes' builtin types (an enum or a domain of the schema sometimes).
ATTR_TYPES = [("integer",), ("integer",), ("text",), ("text",), ("numeric", 10, 2), ("boolean",), ("date",),
              ("bigint",)]
# Range types: the subtypes (float8 may have subtype_diff = float8mi, text a collation).
RANGE_SUBTYPES = ("float8", "integer", "text")

KEYWORD_TABLES = ["order", "user"]
KEYWORD_COLUMNS = ["order", "user", "select", "Größe"]


def qi(name):
    if re.fullmatch(r"[a-z_][a-z0-9_]*", name) and name not in ("order", "user", "select", "table"):
        return name
    return '"' + name.replace('"', '""') + '"'


# comments with a quote, double quotes, a newline, unicode and a backslash
COMMENTS = ["documented", "it's the \"main\" one", "two\nlines", "naïve ✓", "a back\\slash", "spaces  and\ttabs"]
ICU_LOCALES = ["en", "en-u-kn-true", "de", "sv", "und-u-ks-level2"]
TRIGGER_STATES = {"D": "DISABLE", "A": "ENABLE ALWAYS", "R": "ENABLE REPLICA", "O": "ENABLE"}


def lit(text):
    return "'" + text.replace("'", "''") + "'"


def expr_sql(template, cols):
    out = template
    for i, col in enumerate(cols):
        out = out.replace(f"@{i}", qi(col))
    return out


# ---------------------------------------------------------------------------------------------
# Model

class Obj:
    def __init__(self, **fields):
        self.__dict__.update(fields)


def Column(name, type, **kw):
    fields = dict(name=name, type=type, collate=None, default=None, not_null=False, identity=None,
                  generated=None, storage=None, statistics=None, serial=False, own_default=False)
    # own_default: a partition's default of its own (else it has its parent's)
    fields.update(kw)
    return Obj(**fields)


def Constraint(name, kind, cols, **kw):
    fields = dict(name=name, kind=kind, cols=cols, expr=None, nnd=False, fillfactor=None,
                  ref_table=None, ref_cols=None, on_delete=None, deferrable=False, valid=True,
                  fams=None, labels=[])
    # fams: a CHECK's columns' families when it was made; labels: [(column, enum, label)] it names
    fields.update(kw)
    return Obj(**fields)


def Index(name, keys, **kw):
    # keys: list of [column, "col" | "lower", desc]
    # where: a column, "IS NOT NULL"; where_label: (enum, label, operator) compares that column to a label
    fields = dict(name=name, keys=keys, method="btree", unique=False, include=[], where=None, where_label=None,
                  fillfactor=None)
    fields.update(kw)
    return Obj(**fields)


def Sequence(name, **kw):
    fields = dict(name=name, as_type=None, increment=None, minvalue=None, maxvalue=None, start=None,
                  cache=None, cycle=False, owned_by=None)
    fields.update(kw)
    return Obj(**fields)


class Schema:
    def __init__(self):
        self.tables, self.sequences, self.used, self.counter = [], [], set(), 0
        # views in creation order: a view's base comes before it
        self.views, self.functions = [], []
        # user types (enums, domains, composite and range types) and the functions that take one
        self.types, self.type_functions = [], []
        # ICU collations made in the schema, for text columns
        self.collations = []

    def type(self, name):
        return next((u for u in self.types if u.name == name), None)

    def type_function(self, name):
        return next((f for f in self.type_functions if f.name == name), None)

    def labels_of(self, t):
        """The labels of a column type that is an enum (not an array of one), else None."""
        u = self.type(t[1]) if t[0] == "enum" and not t[2] else None
        return u.labels if u else None

    def view(self, name):
        return next((v for v in self.views if v.name == name), None)

    def function(self, name):
        return next((f for f in self.functions if f.name == name), None)

    def relation_columns(self, name):
        """[(column, family)] of a table or view, or None when there is no such relation."""
        types = self.relation_types(name)
        return None if types is None else [(c, family(t)) for c, t in types]

    def relation_types(self, name):
        """[(column, type)] of a table or view, or None when there is no such relation."""
        t = self.table(name)
        if t is not None:
            return [(c.name, c.type) for c in all_columns(self, t)]
        v = self.view(name)
        if v is None:
            return None
        base = dict(self.relation_types(v.base) or [])
        out = [(c, base[c]) for c in v.cols if c in base]
        if v.fn:
            out.append((f"fx_{v.fn[1]}", ("integer",)))
        f = self.type_function(v.tfn[0]) if v.tfn else None
        if f:
            out.append((f"tx_{v.tfn[1]}", f.arg if f.returns == "enum" else ("integer",)))
        return out

    def table(self, name):
        return next((t for t in self.tables if t.name == name), None)

    def sequence(self, name):
        return next((q for q in self.sequences if q.name == name), None)


def table_obj(name, **kw):
    """A table with nothing in it. part: its PARTITION BY (Obj(method, keys=[[column, "col" |
    "lower"]], modulus)); parent: the partitioned table it is a partition of, with bound
    ("default",) | ("range", lo, hi) | ("list", [values]) | ("hash", modulus, remainder), in slots
    that bound_sql renders; inherits: its inheritance parents (its columns are then only its
    local ones; all_columns adds the inherited)."""
    fields = dict(name=name, unlogged=False, options={}, columns=[], constraints=[], indexes=[], rls=False,
                  force_rls=False, policies=[], triggers=[], comment=None, stats=[], rules=[], replica=None,
                  cluster=None, part=None, parent=None, bound=None, inherits=[])
    fields.update(kw)
    return Obj(**fields)


def col_of(table, name):
    return next((c for c in table.columns if c.name == name), None)


def index_cols(ix):
    cols = [k[0] for k in ix.keys] + list(ix.include)
    return cols + ([ix.where] if ix.where else [])


def seq_bounds(q):
    """Effective (min, max, start) of a sequence, as CREATE SEQUENCE would make them."""
    lo, hi = RANGES[q.as_type or "bigint"]
    inc = q.increment or 1
    mn = q.minvalue if q.minvalue is not None else (1 if inc > 0 else lo)
    mx = q.maxvalue if q.maxvalue is not None else (hi if inc > 0 else -1)
    start = q.start if q.start is not None else (mn if inc > 0 else mx)
    return mn, mx, start


def seq_valid(q):
    lo, hi = RANGES[q.as_type or "bigint"]
    mn, mx, start = seq_bounds(q)
    return lo <= mn < mx <= hi and mn <= start <= mx and (q.increment or 1) != 0 \
        and abs(q.increment or 1) <= mx - mn


def identity_seq_name(table, col):
    return f"{table.name}_{col.name}_seq"


# ---------------------------------------------------------------------------------------------
# Generation

class Gen:
    def __init__(self, rng):
        self.r = rng

    def chance(self, p):
        return self.r.random() < p

    def pick(self, items):
        return items[self.r.randrange(len(items))] if items else None

    # names -------------------------------------------------------------------------------

    def rel_name(self, s, prefix, keywords=()):
        """A name unique in the schema's relation namespace (tables, sequences, indexes, keys)."""
        free = [k for k in keywords if k not in s.used]
        if free and self.chance(0.12):
            name = self.pick(free)
        else:
            s.counter += 1
            n = s.counter
            if self.chance(0.7):
                name = f"{prefix}{n}"
            else:
                name = self.pick([f"{prefix.upper()} Mixed {n}", f'{prefix}"q{n}', f"größe {n}",
                                  f"{prefix} it's {n}", f"{prefix.upper()}{n}"])
        s.used.add(name)
        return name

    def col_name(self, s, table):
        taken = [c.name for c in table.columns]
        free = [k for k in KEYWORD_COLUMNS if k not in taken]
        if free and self.chance(0.08):
            return self.pick(free)
        s.counter += 1
        n = s.counter
        if self.chance(0.75):
            return f"c{n}"
        return self.pick([f"Col {n}", f'c"{n}', f"größe {n}", f"C{n}", f"c it's {n}"])

    # sequences ---------------------------------------------------------------------------

    def seq_options(self, q):
        q.as_type = self.pick([None, "smallint", "integer", "bigint"])
        q.increment = self.pick([None, None, 1, 2, 5, 10, -1])
        lo, hi = RANGES[q.as_type or "bigint"]
        inc = q.increment or 1
        if self.chance(0.4):
            q.minvalue = self.pick([lo, -100, 0, 1, 10]) if inc > 0 else self.pick([lo, -30000, -1000])
        if self.chance(0.4):
            q.maxvalue = self.pick([hi, 1000, 30000]) if inc > 0 else self.pick([hi, -1, 0])
        if not seq_valid(q):
            q.minvalue = q.maxvalue = None
        mn, mx, _ = seq_bounds(q)
        if self.chance(0.4):
            q.start = self.pick([mn, mx, (mn + mx) // 2, min(mn + 5, mx)])
        elif q.start is not None and not mn <= q.start <= mx:
            q.start = None  # an old start the new bounds leave out
        q.cache = self.pick([None, None, 1, 10, 20])
        q.cycle = self.chance(0.2)
        assert seq_valid(q), vars(q)

    def new_sequence(self, s):
        q = Sequence(self.rel_name(s, "s"))
        self.seq_options(q)
        return q

    # columns -----------------------------------------------------------------------------

    def new_type(self, s=None):
        if s is not None and s.types and self.chance(0.3):
            return self.user_column_type(s)
        k = self.pick(["integer", "integer", "bigint", "smallint", "text", "text", "varchar", "numeric",
                       "boolean", "timestamptz", "date", "jsonb", "uuid", "int[]", "text[]"])
        if k == "varchar":
            return ("varchar", self.pick([5, 10, 20, 50]))
        if k == "numeric":
            return ("numeric", self.r.randint(5, 12), self.r.randint(0, 3))
        return (k,)

    def new_default(self, s, col):
        fam = family(col.type)
        if fam in ("enum", "enumarr"):
            labels = s.type(col.type[1]).labels
            if labels and self.chance(0.8):
                return ("label", col.type[1], self.pick(labels), col.type[2])
            return ("lit", fam, "'{}'") if col.type[2] else None
        if fam not in DEFAULTS:
            return None  # a domain has defaults of its own; a composite none
        seqs = [q for q in s.sequences if not q.owned_by]
        if col.type[0] in ("integer", "bigint") and seqs and self.chance(0.35):
            return ("nextval", self.pick(seqs).name)
        return ("lit", fam, self.pick(DEFAULTS[fam]))

    def new_identity(self, col):
        ident = dict(kind=self.pick(["ALWAYS", "BY DEFAULT"]), start=None, increment=None)
        if self.chance(0.5):
            ident["increment"] = self.pick([1, 2, 5, 10, -1])
        if self.chance(0.5):
            ident["start"] = self.pick([-1, -100]) if (ident["increment"] or 1) < 0 else self.pick([1, 10, 100, 1000])
        return ident

    def identity_ok(self, s, table, col):
        return col.type[0] in INT_TYPES and not col.generated and s.sequence(identity_seq_name(table, col)) is None \
            and not any(q.owned_by == (table.name, col.name) for q in s.sequences)

    def new_column(self, s, table, kind=None):
        col = Column(self.col_name(s, table), self.new_type(s))
        fam = family(col.type)
        if fam == "text" and self.chance(0.2):
            col.collate = "C"
        roll = self.r.random()
        if col.type[0] in INT_TYPES and roll < 0.12 and self.identity_ok(s, table, col):
            col.identity = self.new_identity(col)
            col.not_null = True
        elif col.type[0] in INT_TYPES and roll < 0.22 and identity_seq_name(table, col) not in s.used:
            self.make_serial(s, table, col)
        elif self.chance(0.3):
            col.default = self.new_default(s, col)
        if not col.identity and not col.serial:
            col.not_null = self.chance(0.3)
        if col.type[0] in VARLENA and self.chance(0.12):
            col.storage = self.pick(STORAGES)
        if self.chance(0.1):
            col.statistics = self.pick([0, 10, 100, 500, 1000])
        return col

    def make_serial(self, s, table, col):
        seq = Sequence(identity_seq_name(table, col), as_type=col.type[0], owned_by=(table.name, col.name))
        s.used.add(seq.name)
        s.sequences.append(seq)
        col.default, col.not_null, col.serial = ("nextval", seq.name), True, True

    def new_generated(self, s, table, col=None):
        bases = [c for c in table.columns if family(c.type) in ("int", "num") and not c.generated and c is not col]
        if not bases:
            return None
        if col is None:
            col = Column(self.col_name(s, table), self.pick([("integer",), ("bigint",), ("numeric", 14, 2)]))
            col.not_null = self.chance(0.2)
        col.generated = dict(base=self.pick(bases).name, expr=self.pick(GENERATED))
        col.default = col.identity = None
        col.serial = False
        return col

    # user types ----------------------------------------------------------------------------

    def label(self, s, labels):
        """A label the enum does not have yet."""
        free = [x for x in LABELS if x not in labels]
        if free and self.chance(0.7):
            return self.pick(free)
        s.counter += 1
        return self.pick([f"v{s.counter}", f"V {s.counter}", f"v'{s.counter}", f"v-{s.counter}"])

    def attr_name(self, s):
        s.counter += 1
        if self.chance(0.8):
            return f"a{s.counter}"
        return self.pick([f"A {s.counter}", f"a'{s.counter}", f"größe {s.counter}"])

    def new_enum(self, s):
        labels = []
        for _ in range(self.r.randint(1, 5)):
            labels.append(self.label(s, labels))
        return Obj(kind="enum", name=self.rel_name(s, "e"), labels=labels)

    def domain_base(self, s, old=None):
        enums = [u.name for u in s.types if u.kind == "enum"]
        bases = [b for b in DOMAIN_BASES if b != old]
        if enums and self.chance(0.3):
            base = ("enum", self.pick(enums), False)
            if base != old:
                return base
        return self.pick(bases)

    def domain_default(self, s, d):
        if d.base[0] == "enum":
            labels = s.type(d.base[1]).labels
            return ("label", d.base[1], self.pick(labels)) if labels else None
        fam = family(d.base)
        return ("lit", fam, self.pick(DOMAIN_DEFAULTS[fam]))

    def domain_check(self, s, d):
        if d.base[0] == "enum":
            labels = s.type(d.base[1]).labels
            if not labels:
                return None
            label = self.pick(labels)
            expr, fam = self.pick([f"VALUE <> {lit(label)}", f"VALUE >= {lit(label)}"]), ("label", d.base[1], label)
        else:
            fam = ("lit", family(d.base))
            expr = self.pick(DOMAIN_CHECKS[fam[1]])
        return Obj(name=self.rel_name(s, "dck"), expr=expr, fam=fam, valid=self.chance(0.75))

    def new_domain(self, s):
        d = Obj(kind="domain", name=self.rel_name(s, "d"), base=self.domain_base(s), collate=None, default=None,
                not_null=self.chance(0.25), checks=[])
        if d.base[0] == "text" and self.chance(0.25):
            d.collate = "C"
        if self.chance(0.5):
            d.default = self.domain_default(s, d)
        for _ in range(self.pick([0, 1, 1, 2])):
            check = self.domain_check(s, d)
            if check:
                d.checks.append(check)
        return d

    def attr_type(self, s):
        users = [u for u in s.types if u.kind in ("enum", "domain")]
        if users and self.chance(0.15):
            u = self.pick(users)
            return (u.kind, u.name, False)
        return self.pick(ATTR_TYPES)

    def new_attr(self, s, attrs):
        a = Obj(name=self.attr_name(s), type=self.attr_type(s), collate=None)
        if a.type == ("text",) and self.chance(0.15):
            a.collate = "C"
        return a

    def new_composite(self, s):
        c = Obj(kind="comp", name=self.rel_name(s, "ct"), attrs=[])
        for _ in range(self.r.randint(1, 4)):
            c.attrs.append(self.new_attr(s, c.attrs))
        return c

    def new_range(self, s):
        r = Obj(kind="range", name=self.rel_name(s, "r"), subtype=self.pick(RANGE_SUBTYPES), diff=False,
                collate=None, multirange=None)
        self.range_options(s, r)
        return r

    def range_options(self, s, r):
        r.diff = r.subtype == "float8" and self.chance(0.5)
        r.collate = "C" if r.subtype == "text" and self.chance(0.4) else None
        if self.chance(0.3) and r.multirange is None:
            r.multirange = self.rel_name(s, "mr")

    def new_user_type(self, s):
        kind = self.r.choices(["enum", "domain", "comp", "range"], [4, 3, 2, 2])[0]
        return {"enum": self.new_enum, "domain": self.new_domain, "comp": self.new_composite,
                "range": self.new_range}[kind](s)

    def user_column_type(self, s, u=None):
        u = u or self.pick(s.types)
        array = u.kind == "enum" and self.chance(0.25) or u.kind == "comp" and self.chance(0.15)
        return (u.kind, u.name, array)

    def new_type_function(self, s, u=None):
        used = [c.type for t in s.tables for c in t.columns if is_user(c.type)]
        if u is None and used and self.chance(0.6):
            arg = self.pick(used)  # one that a view may call on a column
        else:
            arg = self.user_column_type(s, u or self.pick(s.types))
        returns = "enum" if arg[0] == "enum" and not arg[2] and self.chance(0.4) else "integer"
        return Obj(name=self.rel_name(s, "tf"), arg=arg, returns=returns, k=self.r.randint(1, 9),
                   body=self.pick(["return", "string", "plpgsql", "atomic"]))

    # tables ------------------------------------------------------------------------------

    def new_options(self, table):
        options = {}
        if self.chance(0.3):
            options["fillfactor"] = self.pick([10, 50, 70, 90, 100, self.r.randint(10, 100)])
        if self.chance(0.2):
            options["autovacuum_enabled"] = self.pick(["true", "false"])
        if self.chance(0.15):
            options["toast.autovacuum_enabled"] = self.pick(["true", "false"])
        table.options = options

    def new_table(self, s):
        t = table_obj(self.rel_name(s, "t", KEYWORD_TABLES), unlogged=self.chance(0.15))
        self.new_options(t)
        id_kind = self.pick(["int", "serial", "bigserial", "identity", "uuid", "none", "composite", "int"])
        if id_kind != "none" and id_kind != "composite":
            idc = Column("id", {"int": ("integer",), "serial": ("integer",), "bigserial": ("bigint",),
                                "identity": ("bigint",), "uuid": ("uuid",)}[id_kind])
            t.columns.append(idc)
            if id_kind in ("serial", "bigserial") and identity_seq_name(t, idc) not in s.used:
                self.make_serial(s, t, idc)
            elif id_kind == "identity":
                idc.identity, idc.not_null = self.new_identity(idc), True
            elif id_kind == "uuid" and self.chance(0.5):
                idc.default = ("lit", "uuid", "gen_random_uuid()")
            t.constraints.append(Constraint(None if self.chance(0.5) else self.rel_name(s, "pk"), "p", ["id"],
                                            fillfactor=self.pick([None, None, None, 70])))
        for _ in range(self.r.randint(1, 6)):
            t.columns.append(self.new_column(s, t))
        if id_kind == "composite":
            self.add_key(s, t, "p")
        if self.chance(0.3):
            gen = self.new_generated(s, t)
            if gen:
                t.columns.append(gen)
        for _ in range(self.pick([0, 0, 1, 1, 2])):
            self.add_key(s, t, "u")
        for _ in range(self.pick([0, 0, 1, 1, 2])):
            self.add_check(s, t)
        for _ in range(self.pick([0, 1, 1, 2, 3])):
            self.add_index(s, t)
        if self.chance(0.2):
            t.rls, t.force_rls = True, self.chance(0.3)
            for _ in range(self.pick([0, 1, 1, 2])):
                self.add_policy(s, t)
        for _ in range(self.pick([0, 0, 0, 1, 2])):
            self.add_trigger(s, t)
        for c in t.columns:
            if family(c.type) == "text" and s.collations and self.chance(0.3):
                c.collate = self.pick(s.collations).name
            if c.type[0] in VARLENA and self.chance(0.1):
                c.compression = "pglz"
        if self.chance(0.15):
            t.replica = self.pick(["FULL", "NOTHING"])
        if self.chance(0.2):
            t.cluster = self.cluster_index(t)
        if self.chance(0.2):
            self.add_stats(s, t)
        if self.chance(0.15):
            self.add_rule(s, t)
        if self.chance(0.25):
            t.comment = self.pick(COMMENTS)
        for c in t.columns:
            if self.chance(0.1):
                c.comment = self.pick(COMMENTS)
        return t

    def cluster_index(self, t):
        """An index CLUSTER ON may name: btree, not partial."""
        fit = [ix.name for ix in t.indexes if ix.method == "btree" and not ix.where and not ix.where_label]
        return self.pick(fit) if fit else None

    def new_collation(self, s):
        return Obj(name=self.rel_name(s, "co"), locale=self.pick(ICU_LOCALES))

    def add_stats(self, s, t):
        """An extended statistics object on two columns of types with a btree class."""
        cols = [c.name for c in t.columns if family(c.type) in KEYABLE and not c.generated]
        if len(cols) < 2:
            return False
        kinds = self.r.sample(["ndistinct", "dependencies", "mcv"], self.r.randint(1, 3))
        t.stats.append(Obj(name=self.rel_name(s, "st"), cols=self.r.sample(cols, 2), kinds=kinds,
                           target=self.pick([None, None, 50, 500])))
        return True

    def add_rule(self, s, t):
        """A rule that does nothing, ALSO or INSTEAD, on a condition over one column."""
        if not t.columns:
            return False
        event = self.pick(["INSERT", "UPDATE", "DELETE"])
        t.rules.append(Obj(name=self.rel_name(s, "r"), event=event, instead=self.chance(0.5),
                           col=self.pick([c.name for c in t.columns])))
        return True

    def add_trigger(self, s, t):
        """A trigger calling fuzz_touch(): timing, events (UPDATE OF a column, sometimes), row
        or statement, a constraint trigger now and then, and any enabled state."""
        events = self.r.sample(["INSERT", "UPDATE", "DELETE"], self.r.randint(1, 3))
        update_of = self.pick([c.name for c in t.columns]) if "UPDATE" in events and t.columns and self.chance(0.4) else None
        row, timing = self.chance(0.6), self.pick(["BEFORE", "AFTER"])
        constraint = timing == "AFTER" and row and self.chance(0.25)
        t.triggers.append(Obj(name=self.rel_name(s, "tg"), timing=timing, events=events, update_of=update_of, row=row,
                              constraint=constraint, deferred=constraint and self.chance(0.5),
                              enabled=self.pick(["O", "O", "O", "D", "A", "R"])))

    def add_policy(self, s, t):
        command = self.pick(["ALL", "ALL", "SELECT", "INSERT", "UPDATE", "DELETE"])
        col = self.pick([c.name for c in t.columns])
        t.policies.append(Obj(name=self.rel_name(s, "pol"), permissive=self.chance(0.7), command=command,
                              role=self.pick(["PUBLIC", "postgres"]), col=col,
                              check=command in ("ALL", "UPDATE") and self.chance(0.5)))

    # functions and views -----------------------------------------------------------------

    def new_function(self, s):
        return Obj(name=self.rel_name(s, "f"), k=self.r.randint(1, 9), returns=self.pick(["integer", "integer", "bigint"]),
                   body=self.pick(["return", "string", "plpgsql", "atomic"]))

    def new_view(self, s, base=None):
        bases = [t.name for t in s.tables] + [v.name for v in s.views]
        base = base or self.pick(bases)
        cols = s.relation_columns(base) if base else None
        if not cols:
            return None
        chosen = [c for c, _ in cols if self.chance(0.6)] or [cols[0][0]]
        numeric = [c for c, f in cols if f in ("int", "num")]
        v = Obj(name=self.rel_name(s, "v"), base=base, cols=chosen, materialized=self.chance(0.25),
                where=self.pick([None, None, self.pick(chosen)]), where_label=None, barrier=self.chance(0.2),
                fn=None, tfn=None, no_data=False, indexes=[])
        if v.where:
            v.where_label = self.where_label(s, dict(s.relation_types(base))[v.where], "=")
        if s.functions and numeric and self.chance(0.5):
            v.fn = (self.pick(s.functions).name, self.pick(numeric))
            if f"fx_{v.fn[1]}" in chosen:
                v.fn = None  # its column's name is taken
        v.tfn = self.type_function_call(s, base, chosen)
        if v.materialized:
            v.barrier = False
            v.no_data = self.chance(0.3)
            for _ in range(self.pick([0, 1, 1, 2])):
                self.add_view_index(s, v)
        return v

    def type_function_call(self, s, base, chosen):
        """(function, column): a function of a user type called on a column of the base, or None."""
        calls = [(f.name, c) for f in s.type_functions for c, t in s.relation_types(base) or []
                 if t == f.arg and f"tx_{c}" not in chosen]
        return self.pick(calls) if calls and self.chance(0.5) else None

    def add_view_index(self, s, v):
        keyable = [c for c, f in s.relation_columns(v.name) or [] if f in KEYABLE]
        if keyable:
            v.indexes.append(Obj(name=self.rel_name(s, "mvi"), col=self.pick(keyable)))

    # constraints -------------------------------------------------------------------------

    def key_candidates(self, t):
        return [c for c in t.columns if family(c.type) in KEYABLE and not c.generated]

    def add_key(self, s, t, kind):
        if kind == "p" and any(k.kind == "p" for k in t.constraints):
            return False
        cands = self.key_candidates(t)
        if not cands:
            return False
        cols = [c.name for c in self.r.sample(cands, min(len(cands), self.pick([1, 1, 1, 2])))]
        if t.part:
            need, ok = unique_needs(s, t)
            if not ok:
                return False
            cols = list(dict.fromkeys(need + cols[:1]))
        name = None if kind == "p" and self.chance(0.4) else self.rel_name(s, "pk" if kind == "p" else "uq")
        t.constraints.append(Constraint(name, kind, cols, nnd=kind == "u" and self.chance(0.3),
                                        fillfactor=self.pick([None, None, None, None, 60, 90])))
        return True

    def check_expr(self, s, t):
        """(expression, columns, labels): labels are the (column, enum, label) that it names."""
        if len(t.columns) >= 2 and self.chance(0.15):
            a, b = self.r.sample(t.columns, 2)
            return "@0 IS NOT NULL OR @1 IS NOT NULL", [a.name, b.name], []
        enums = [c for c in t.columns if c.type[0] == "enum" and s.type(c.type[1]).labels]
        col = self.pick(enums) if enums and self.chance(0.3) else self.pick(t.columns)
        labels = s.type(col.type[1]).labels if col.type[0] == "enum" else None
        if labels and self.chance(0.75):
            return self.label_check(col, self.r.sample(labels, min(len(labels), 2)))
        return self.pick(CHECKS[family(col.type)]), [col.name], []

    def label_check(self, col, labels):
        """A CHECK on an enum column (or an array of one) that names labels."""
        if col.type[2]:
            cast = f"::{qi(col.type[1])}"
            return f"NOT (@0 @> ARRAY[{lit(labels[0])}{cast}])", [col.name], [(col.name, col.type[1], labels[0])]
        form = self.pick(["<>", "<>", "in", ">="] if len(labels) > 1 else ["<>", ">="])
        if form == "in":
            expr = f"@0 IN ({', '.join(lit(x) for x in labels)})"
        else:
            labels = labels[:1]
            expr = f"@0 {form} {lit(labels[0])}"
        return expr, [col.name], [(col.name, col.type[1], x) for x in labels]

    def add_check(self, s, t, check=None):
        if not t.columns:
            return False
        expr, cols, labels = check or self.check_expr(s, t)
        t.constraints.append(Constraint(self.rel_name(s, "ck"), "c", cols, expr=expr, valid=self.chance(0.8),
                                        fams={c: family(col_of(t, c).type) for c in cols}, labels=labels))
        return True

    def where_label(self, s, t, op=None):
        """(enum, label, operator) for a predicate on a column of type t, if it is an enum."""
        labels = s.labels_of(t)
        if not labels or not self.chance(0.6):
            return None
        return (t[1], self.pick(labels), op or self.pick(["=", "<>"]))

    def add_fk(self, s, t):
        keys = []
        for b in s.tables:
            if not t.unlogged and b.unlogged and b is not t:
                continue
            if in_part_tree(b):
                continue  # no foreign key references a partitioned table or a partition here
            keys += [(b, k.cols) for k in b.constraints if k.kind in ("p", "u")]
            keys += [(b, [k[0] for k in ix.keys]) for ix in b.indexes if referenceable_index(ix)]
        # a unique index over a domain or a range is no key a foreign key may reference here
        keys = [(b, cols) for b, cols in keys if all(family(col_of(b, c).type) in KEYABLE for c in cols)]
        if not keys:
            return False
        b, ref_cols = self.pick(keys)
        cols = []
        for rc in ref_cols:
            rcol = col_of(b, rc)
            cands = [c for c in t.columns if c.type == rcol.type and not c.generated and c.name not in cols
                     and not (t is b and c.name == rc)]
            if cands and self.chance(0.7):
                cols.append(self.pick(cands).name)
            else:
                new = Column(self.col_name(s, t), rcol.type, collate=rcol.collate)
                t.columns.append(new)
                cols.append(new.name)
        t.constraints.append(Constraint(
            self.rel_name(s, "fk"), "f", cols, ref_table=b.name, ref_cols=list(ref_cols),
            on_delete=self.pick([None, None, "CASCADE", "SET NULL", "RESTRICT"]),
            deferrable=self.chance(0.2), valid=self.chance(0.8)))
        return True

    # indexes -----------------------------------------------------------------------------

    def add_index(self, s, t):
        gin = [c for c in t.columns if family(c.type) in ("jsonb", "intarr")]
        btree = [c for c in t.columns if family(c.type) not in NOT_BTREE]
        if gin and (self.chance(0.25) or not btree):
            col = self.pick(gin)
            ix = Index(self.rel_name(s, "ix"), [[col.name, "col", False]], method="gin")
        elif btree:
            keys = []
            for col in self.r.sample(btree, min(len(btree), self.pick([1, 1, 2]))):
                how = "lower" if family(col.type) == "text" and self.chance(0.3) else "col"
                keys.append([col.name, how, self.chance(0.2)])
            ix = Index(self.rel_name(s, "ix"), keys, unique=self.chance(0.25))
            rest = [c for c in t.columns if c.name not in [k[0] for k in keys]]
            if rest and self.chance(0.2):
                ix.include = [self.pick(rest).name]
            if self.chance(0.2):
                ix.fillfactor = self.pick([50, 70, 90, 100])
        else:
            return False
        if self.chance(0.2):
            where = self.pick(t.columns)
            ix.where, ix.where_label = where.name, self.where_label(s, where.type)
        t.indexes.append(ix)
        return True


NOT_BTREE = ("jsonb", "intarr", "textarr", "enumarr", "comparr")


def referenceable_index(ix):
    return ix.method == "btree" and ix.unique and not ix.where and not ix.include \
        and all(k[1] == "col" for k in ix.keys)


def gen_source(g):
    s = Schema()
    for _ in range(g.pick([0, 0, 1, 1, 2]) if ICU else 0):
        s.collations.append(g.new_collation(s))
    for _ in range(g.pick([0, 1, 1, 2, 2, 3, 4])):
        s.types.append(g.new_user_type(s))
    for _ in range(g.pick([0, 0, 1, 1, 2])):
        s.sequences.append(g.new_sequence(s))
    for _ in range(g.r.randint(2, 6)):
        s.tables.append(g.new_table(s))
    trees = []
    if g.chance(0.28):
        trees.append(add_partition_tree(g, s))
    if g.chance(0.15):
        trees.append(add_inheritance_tree(g, s))
    repair(s)
    for t in s.tables:
        for _ in range(g.pick([0, 0, 1, 1, 2]) if t.parent is None else 0):
            g.add_fk(s, t)
    for q in s.sequences:
        if not q.owned_by and g.chance(0.3):
            set_owner(g, s, q)
    for _ in range(g.pick([0, 1, 1, 2])):
        s.functions.append(g.new_function(s))
    for _ in range(g.pick([0, 1, 1, 2]) if s.types else 0):
        s.type_functions.append(g.new_type_function(s))
    for _ in range(g.pick([0, 1, 2, 3])):
        v = g.new_view(s)
        if v:
            s.views.append(v)
    for t in trees:
        if g.chance(0.4) and s.table(t.name) is not None:
            v = g.new_view(s, base=t.name)  # a view over the tree's parent
            if v:
                s.views.append(v)
    repair(s)
    return s


def set_owner(g, s, q):
    cands = [(t, c) for t in s.tables for c in t.columns if family(c.type) == "int"]
    if not cands:
        return False
    t, c = g.pick(cands)
    q.owned_by = (t.name, c.name)
    return True


# ---------------------------------------------------------------------------------------------
# Trees: partitioned tables with their partitions (sub-partitions too), and inheritance.
#
# A partition's columns are its parent's (repair_trees copies them down after every mutation;
# only a default of its own, own_default, is kept); its constraints are only those it has from
# its parent (none of its own in the model), its indexes are its own (never unique, never on the
# columns of one of its ancestors' indexes, which CREATE INDEX on the parent would attach
# instead of building). An inheritance child's columns are its local ones; all_columns adds what
# it inherits. Tree members keep to what PostgreSQL 14 to 18 agree on: no identity or generated
# columns, storage or compression in a tree; a partition tree has no unlogged table, storage
# options, row level security, triggers, rules, statistics, replica identity or CLUSTER ON.

SLOTS = 16  # bound values are slots 0..SLOTS, rendered by the key column's family
KEY_COL_TYPES = (("smallint",), ("integer",), ("bigint",), ("date",), ("text",))
KEY_FAMILIES = {"range": ("int", "date", "text"), "list": ("int", "text"), "hash": ("int", "text", "date")}


def in_part_tree(t):
    return t.part is not None or t.parent is not None


def partitions_of(s, t):
    return [x for x in s.tables if x.parent == t.name]


def inh_children(s, t):
    return [x for x in s.tables if t.name in x.inherits]


def part_root(s, t):
    seen = set()
    while t.parent and t.name not in seen:
        seen.add(t.name)
        up = s.table(t.parent)
        if up is None:
            break
        t = up
    return t


def part_below(s, t):
    """t and every partition under it, at any depth."""
    out, todo = [], [t]
    while todo:
        x = todo.pop()
        if x in out:
            continue
        out.append(x)
        todo += partitions_of(s, x)
    return out


def locked_cols(s, t):
    """The columns of t that are a partition key somewhere in its tree: never dropped, retyped
    or given a collation (ALTER TABLE refuses)."""
    if not in_part_tree(t):
        return set()
    return {k[0] for x in part_below(s, part_root(s, t)) if x.part for k in x.part.keys}


def unique_needs(s, t):
    """(columns, ok): a PRIMARY KEY or UNIQUE on partitioned t must include the key columns of
    t and of every partitioned table under it; with an expression in a key there is none."""
    cols, ok = [], True
    for x in part_below(s, t):
        if x.part:
            for col, how in x.part.keys:
                ok = ok and how == "col"
                if col not in cols:
                    cols.append(col)
    return cols, ok


def inh_ancestors(s, t):
    out, todo = set(), list(t.inherits)
    while todo:
        n = todo.pop()
        if n in out:
            continue
        out.add(n)
        p = s.table(n)
        if p is not None:
            todo += p.inherits
    return out


def inherited_columns(s, t, seen=()):
    """The columns t has from its inheritance parents, merged by name, the first parent's first."""
    out = {}
    for pn in t.inherits:
        p = s.table(pn)
        if p is None or pn in seen:
            continue
        for c in all_columns(s, p, seen + (t.name,)):
            out.setdefault(c.name, c)
    return list(out.values())


def all_columns(s, t, seen=()):
    inh = inherited_columns(s, t, seen) if t.inherits else []
    names = {c.name for c in inh}
    return inh + [c for c in t.columns if c.name not in names]


def inherited_checks(s, t):
    out, seen = [], set()
    for n in inh_ancestors(s, t):
        p = s.table(n)
        if p is not None:
            out += [k for k in p.constraints if k.kind == "c" and k.name not in seen]
            seen |= {k.name for k in p.constraints}
    return out


def tree_strip_column(c):
    c.identity = c.generated = None
    c.storage = None
    c.compression = None
    c.serial = False


def topo(s):
    """The tables, each after its partition parent and its inheritance parents."""
    out, seen = [], set()

    def visit(t):
        if t.name in seen:
            return
        seen.add(t.name)
        for pn in ([t.parent] if t.parent else []) + list(t.inherits):
            p = s.table(pn)
            if p is not None:
                visit(p)
        out.append(t)
    for t in s.tables:
        visit(t)
    return out


def sync_partition(s, p):
    """The partition's columns made its parent's again (a default of its own kept); what it may
    not have of its own dropped. Returns whether its columns changed."""
    parent = s.table(p.parent)
    old = {c.name: c for c in p.columns}
    new = []
    for pc in parent.columns:
        c = copy.deepcopy(pc)
        tree_strip_column(c)
        c.comment = getattr(old.get(pc.name), "comment", None)
        c.statistics = None
        o = old.get(pc.name)
        c.own_default = bool(o is not None and o.own_default and o.type == pc.type)
        if c.own_default:
            c.default = o.default
        new.append(c)
    changed = [(c.name, c.type) for c in new] != [(c.name, c.type) for c in p.columns]
    p.columns = new
    p.constraints = []
    for ix in p.indexes:
        ix.unique = False
    taken = set()
    up = parent
    while up is not None:
        taken |= {frozenset(k[0] for k in ix.keys) for ix in up.indexes}
        taken |= {frozenset(k.cols) for k in up.constraints if k.kind in ("p", "u")}
        up = s.table(up.parent) if up.parent else None
    p.indexes = [ix for ix in p.indexes if frozenset(k[0] for k in ix.keys) not in taken]
    return changed


def bound_fits(t, b):
    m = t.part.method
    if b is None:
        return False
    if b[0] == "default":
        return m != "hash"
    if b[0] != m:
        return False
    if m == "hash":
        return b[1] == t.part.modulus and 0 <= b[2] < b[1]
    if m == "list":
        return bool(b[1]) and all(0 <= v < SLOTS for v in b[1])
    return 0 <= b[1] < b[2] <= SLOTS


def bound_slots(b):
    if b[0] == "default":
        return {"default"}
    if b[0] == "hash":
        return {b[2]}
    if b[0] == "list":
        return set(b[1])
    return set(range(b[1], b[2]))


def repair_trees(s):
    """Keeps the trees loadable; returns whether it dropped or changed something others rely on."""
    changed = False
    for t in list(s.tables):
        if t.parent is not None:
            p = s.table(t.parent)
            if p is None or p.part is None or p is t:
                s.tables.remove(t)  # a partition goes with its parent (DROP TABLE), or with its key
                changed = True
    for t in s.tables:
        if t.part:
            names = {c.name: c for c in t.columns}
            keys_ok = all(k[0] in names and names[k[0]].type in KEY_COL_TYPES
                          and family(names[k[0]].type) in KEY_FAMILIES[t.part.method]
                          and (k[1] == "col" or family(names[k[0]].type) == "text") for k in t.part.keys)
            if not keys_ok or (t.part.method == "list" and len(t.part.keys) != 1):
                t.part = None  # its partitions go with it (below, next round)
                changed = True
    # partitions: bounds that fit and do not overlap, one DEFAULT at most
    for t in list(s.tables):
        if t.part:
            used = set()
            for p in partitions_of(s, t):
                if not bound_fits(t, p.bound) or bound_slots(p.bound) & used:
                    s.tables.remove(p)
                    changed = True
                else:
                    used |= bound_slots(p.bound)
    # inheritance: parents that exist, are no partition tree, make no cycle, and merge
    for t in s.tables:
        keep, merged = [], {}
        for pn in t.inherits:
            p = s.table(pn)
            bad = p is None or p is t or pn in keep or in_part_tree(p) or in_part_tree(t) \
                or t.name in inh_ancestors(s, p)
            if not bad:
                for c in all_columns(s, p):
                    o = merged.get(c.name)
                    if o is not None and (o.type != c.type or o.collate != c.collate
                                          or (o.default and c.default and o.default != c.default)):
                        bad = True
            if bad:
                changed = True
                continue
            keep.append(pn)
            for c in all_columns(s, p):
                merged.setdefault(c.name, c)
        t.inherits = keep
        if not keep:
            continue
        inh = {c.name: c for c in inherited_columns(s, t)}
        for c in list(t.columns):
            o = inh.get(c.name)
            if o is None:
                continue
            if o.type != c.type or o.collate != c.collate:
                t.columns.remove(c)  # a local column merges with an inherited one of its type only
                changed = True
            else:
                tree_strip_column(c)
        # a CHECK of its own named as an inherited one would have to be the same: none
        inherited = {k.name for k in inherited_checks(s, t)}
        before = len(t.constraints)
        t.constraints = [k for k in t.constraints if not (k.kind == "c" and k.name in inherited)]
        changed = changed or len(t.constraints) != before
    for t in s.tables:
        if inh_children(s, t):
            for c in t.columns:
                tree_strip_column(c)
                c.statistics = None
    for t in topo(s):
        if not in_part_tree(t):
            continue
        t.unlogged, t.options, t.rls, t.force_rls = False, {}, False, False
        t.policies, t.triggers, t.rules, t.stats, t.replica, t.cluster = [], [], [], [], None, None
        t.inherits = []
        for c in t.columns:
            tree_strip_column(c)
            c.statistics = None
        lock = locked_cols(s, t)
        for c in t.columns:
            if c.name in lock:
                c.collate = None
        if t.parent:
            changed = sync_partition(s, t) or changed
        if t.part:
            need, ok = unique_needs(s, t)
            before = len(t.constraints)
            t.constraints = [k for k in t.constraints
                             if k.kind not in ("p", "u") or (ok and all(c in k.cols for c in need))]
            changed = changed or len(t.constraints) != before
            for k in t.constraints:
                k.valid = True  # a foreign key NOT VALID on a partitioned table: not before PostgreSQL 18
            for ix in t.indexes:
                ix.unique = False
            # A partition's copy of a parent's index is named by PostgreSQL after its columns
            # (p_c1_idx, then p_c1_idx1, ...): two indexes over the same columns would have
            # their copies' names swapped by a plan that makes them in another order, an
            # accident of the plan's order, as two keys on one set of columns are (repair()).
            seen, kept = set(), []
            for ix in t.indexes:
                names = tuple(k[0] if k[1] == "col" else "lower" for k in ix.keys) + tuple(ix.include)
                if names not in seen:
                    seen.add(names)
                    kept.append(ix)
            changed = changed or len(kept) != len(t.indexes)
            t.indexes = kept
    return changed


# generation and mutations of trees

def new_part_spec(g, s, t, add_cols):
    """A PARTITION BY for t on its columns (a new key column added when add_cols), or None."""
    method = g.pick(["range", "range", "list", "hash"])
    fams = KEY_FAMILIES[method]
    lock = locked_cols(s, t)

    def cands():
        return [c for c in t.columns if c.type in KEY_COL_TYPES and family(c.type) in fams
                and not c.generated and not c.identity and c.name not in lock]
    if add_cols and (not cands() or g.chance(0.3)):
        col = Column(g.col_name(s, t), g.pick([x for x in KEY_COL_TYPES if family(x) in fams]),
                     not_null=g.chance(0.5))
        t.columns.append(col)
    pool = cands()
    if not pool:
        return None
    first = g.pick(pool)
    how = "lower" if method == "range" and family(first.type) == "text" and g.chance(0.5) else "col"
    keys = [[first.name, how]]
    rest = [c for c in pool if c is not first]
    if method != "list" and rest and g.chance(0.25):
        keys.append([g.pick(rest).name, "col"])
    return Obj(method=method, keys=keys, modulus=g.pick([2, 3, 4]) if method == "hash" else None)


def free_bound(g, s, t, exclude=None):
    sibs = [p.bound for p in partitions_of(s, t) if p is not exclude and p.bound]
    m = t.part.method
    used = set()
    for b in sibs:
        used |= bound_slots(b)
    if m == "hash":
        free = [r for r in range(t.part.modulus) if r not in used]
        return ("hash", t.part.modulus, g.pick(free)) if free else None
    if "default" not in used and g.chance(0.2):
        return ("default",)
    free = [v for v in range(SLOTS) if v not in used]
    if not free:
        return None
    if m == "list":
        return ("list", sorted(g.r.sample(free, min(len(free), g.r.randint(1, 3)))))
    lo = g.pick(free)
    hi = lo + 1
    while hi < SLOTS and hi not in used and g.chance(0.5):
        hi += 1
    return ("range", lo, hi)


def add_partition(g, s, t, sub=True):
    """A new partition of t (sometimes sub-partitioned, with an index or a default of its own)."""
    b = free_bound(g, s, t)
    if b is None:
        return False
    p = table_obj(g.rel_name(s, "p"), parent=t.name, bound=b)
    s.tables.append(p)
    sync_partition(s, p)
    if sub and g.chance(0.2):
        p.part = new_part_spec(g, s, p, add_cols=False)
        if p.part:
            for _ in range(g.r.randint(1, 2)):
                add_partition(g, s, p, sub=False)
    if g.chance(0.25):
        g.add_index(s, p)
    if g.chance(0.2):
        own_default(g, s, p)
    if g.chance(0.1):
        p.comment = g.pick(COMMENTS)
    return True


def own_default(g, s, p):
    cols = [c for c in p.columns if not c.identity and not c.generated]
    if not cols:
        return False
    c = g.pick(cols)
    c.default = g.new_default(s, c) if g.chance(0.8) else None
    c.own_default = True
    return True


def keyed_primary_key(g, s, t):
    """The table's primary key made to include the partition key columns, sometimes."""
    need, ok = unique_needs(s, t)
    if not ok or not g.chance(0.6):
        return
    pk = next((k for k in t.constraints if k.kind == "p"), None)
    if pk is None:
        pk = Constraint(None if g.chance(0.5) else g.rel_name(s, "pk"), "p", [])
        t.constraints.append(pk)
    pk.cols = list(dict.fromkeys(pk.cols + need))


def add_partition_tree(g, s):
    """A partitioned table with 1 to 4 partitions (a DEFAULT one, a sub-partitioned one
    sometimes), an index and a CHECK on it, a plain table shaped like it (to be attached)."""
    t = g.new_table(s)
    t.part = new_part_spec(g, s, t, add_cols=True)
    s.tables.append(t)
    keyed_primary_key(g, s, t)
    for _ in range(g.r.randint(1, 4)):
        add_partition(g, s, t)
    for _ in range(g.pick([0, 1, 1, 2])):
        g.add_index(s, t)
    if g.chance(0.4):
        g.add_check(s, t)
    if g.chance(0.3):
        staging = table_obj(g.rel_name(s, "t"))
        staging.columns = [copy.deepcopy(c) for c in t.columns]
        for c in staging.columns:
            tree_strip_column(c)
            c.comment = None
        s.tables.append(staging)
    return t


def add_inheritance_tree(g, s):
    """A parent with 1 or 2 children, each with columns of its own; sometimes a second parent
    that shares a column (same name and type) with the first."""
    p = g.new_table(s)
    s.tables.append(p)
    p2 = None
    if g.chance(0.35) and p.columns:
        p2 = table_obj(g.rel_name(s, "t"))
        shared = copy.deepcopy(g.pick(p.columns))
        tree_strip_column(shared)
        shared.default, shared.comment = None, None
        p2.columns = [shared, g.new_column(s, p2)]
        s.tables.append(p2)
    for i in range(g.r.randint(1, 2)):
        ch = table_obj(g.rel_name(s, "t"), inherits=[p.name] + ([p2.name] if p2 and i == 0 else []))
        for _ in range(g.pick([0, 1, 1, 2])):
            ch.columns.append(g.new_column(s, ch))
        if ch.columns and g.chance(0.3):
            g.add_check(s, ch)
        if ch.columns and g.chance(0.3):
            g.add_index(s, ch)
        s.tables.append(ch)
    if g.chance(0.4):
        g.add_check(s, p)
    return p


def tree_parents(s):
    """Partitioned tables at the top of their tree and inheritance parents."""
    return [t for t in s.tables if (t.part and not t.parent) or inh_children(s, t)]


def plain_tables(s):
    return [t for t in s.tables if not in_part_tree(t) and not t.inherits and not inh_children(s, t)]


def m_add_partition(g, s):
    t = g.pick([t for t in s.tables if t.part])
    return t is not None and add_partition(g, s, t, sub=t.parent is None)


def m_drop_partition(g, s):
    p = g.pick([t for t in s.tables if t.parent])
    if p is None:
        return False
    s.tables.remove(p)
    return True


def m_detach_partition(g, s):
    """A partition becomes a plain table (it keeps its columns; the parent's CHECKs sometimes)."""
    p = g.pick([t for t in s.tables if t.parent])
    if p is None:
        return False
    parent = s.table(p.parent)
    p.parent = p.bound = None
    for c in p.columns:
        c.own_default = False
    if g.chance(0.5):
        p.constraints += [copy.deepcopy(k) for k in parent.constraints if k.kind == "c"]
    return True


def m_attach_partition(g, s):
    """A plain table becomes a partition: one shaped like the parent most often."""
    t = g.pick([t for t in s.tables if t.part])
    if t is None:
        return False
    shape = sorted((c.name, c.type) for c in t.columns)
    cands = [x for x in plain_tables(s) if x is not t]
    alike = [x for x in cands if sorted((c.name, c.type) for c in x.columns) == shape]
    x = g.pick(alike) if alike and g.chance(0.85) else g.pick(cands)
    if x is None:
        return False
    b = free_bound(g, s, t)
    if b is None:
        return False
    x.parent, x.bound = t.name, b
    mine = {c.name: c for c in t.columns}
    for c in x.columns:
        c.own_default = c.name in mine and c.default != mine[c.name].default
    sync_partition(s, x)
    return True


def m_rebound(g, s):
    """A partition's bound changes (to slots no sibling has)."""
    p = g.pick([t for t in s.tables if t.parent])
    if p is None:
        return False
    b = free_bound(g, s, s.table(p.parent), exclude=p)
    if b is None or b == p.bound:
        return False
    p.bound = b
    return True


def m_tree_column(g, s):
    """A column added to, dropped from or retyped on a tree's parent (down the tree); a column an
    inheritance parent drops is sometimes kept by its children (ALTER TABLE ONLY ... DROP COLUMN)."""
    t = g.pick(tree_parents(s))
    if t is None:
        return False
    lock = locked_cols(s, t)
    what = g.pick(["add", "add", "drop", "drop", "retype"])
    if what == "add":
        t.columns.append(g.new_column(s, t))
        return True
    if what == "drop":
        c = g.pick([c for c in t.columns if c.name not in lock])
        if c is None:
            return False
        if g.chance(0.5):
            for ch in inh_children(s, t):
                if col_of(ch, c.name) is None:
                    kept = copy.deepcopy(c)
                    tree_strip_column(kept)
                    ch.columns.append(kept)
        t.columns.remove(c)
        return True
    c = g.pick([c for c in t.columns if c.name not in lock and type_changes(c.type)])
    if c is None:
        return False
    new = g.pick(type_changes(c.type))
    for x in [t] + [x for x in s.tables if t.name in inh_ancestors(s, x)]:
        o = col_of(x, c.name)
        if o is not None and o.type == c.type:
            o.type = new  # ALTER COLUMN TYPE recurses to the children's merged columns
    c.type = new
    return True


def m_tree_index(g, s):
    """An index added to or dropped from a tree's parent, or a partition's own index."""
    what = g.pick(["add", "add", "drop", "own"])
    if what == "own":
        p = g.pick([t for t in s.tables if t.parent])
        return p is not None and g.add_index(s, p)
    t = g.pick(tree_parents(s))
    if t is None:
        return False
    if what == "add" or not t.indexes:
        return g.add_index(s, t)
    t.indexes.remove(g.pick(t.indexes))
    return True


def m_partition_key(g, s):
    """A partition key changes (the partitions kept with new bounds, or new ones), a plain table
    becomes partitioned, or a partitioned one plain (its partitions gone)."""
    what = g.pick(["change", "change", "make", "unmake"])
    if what == "make":
        t = g.pick([t for t in plain_tables(s)])
        if t is None:
            return False
        t.part = new_part_spec(g, s, t, add_cols=True)
        if t.part is None:
            return False
        keyed_primary_key(g, s, t)
        for _ in range(g.r.randint(1, 3)):
            add_partition(g, s, t)
        return True
    t = g.pick([t for t in s.tables if t.part])
    if t is None:
        return False
    if what == "unmake":
        t.part = None  # repair() drops its partitions
        return True
    old = t.part
    t.part = new_part_spec(g, s, t, add_cols=t.parent is None)
    if t.part is None or (t.part.method, t.part.keys, t.part.modulus) == (old.method, old.keys, old.modulus):
        t.part = old
        return False
    parts = partitions_of(s, t)
    if g.chance(0.5):
        for p in parts:
            p.bound = None
        for p in parts:
            p.bound = free_bound(g, s, t)
            if p.bound is None:
                s.tables.remove(p)
    else:
        for p in parts:
            s.tables.remove(p)
        for _ in range(g.r.randint(1, 3)):
            add_partition(g, s, t, sub=t.parent is None)
    keyed_primary_key(g, s, t)
    return True


def m_inherit(g, s):
    """An inheritance child added or dropped, NO INHERIT (the child keeps the columns and CHECKs
    it had from that parent as its own), or a second parent given to a child."""
    what = g.pick(["child", "child", "drop", "no_inherit", "no_inherit", "parent"])
    open_tables = [t for t in s.tables if not in_part_tree(t)]
    if what == "child":
        p = g.pick(open_tables)
        if p is None:
            return False
        ch = table_obj(g.rel_name(s, "t"), inherits=[p.name])
        for _ in range(g.pick([0, 1, 2])):
            ch.columns.append(g.new_column(s, ch))
        s.tables.append(ch)
        return True
    children = [t for t in s.tables if t.inherits]
    if what == "drop":
        ch = g.pick(children)
        if ch is None:
            return False
        s.tables.remove(ch)
        return True
    if what == "no_inherit":
        ch = g.pick(children)
        if ch is None:
            return False
        p = s.table(g.pick(ch.inherits))
        ch.inherits = [n for n in ch.inherits if n != p.name]
        still = {c.name for c in inherited_columns(s, ch)}
        local = {c.name for c in ch.columns}
        for c in all_columns(s, p):
            if c.name not in still and c.name not in local:
                kept = copy.deepcopy(c)
                tree_strip_column(kept)
                kept.comment = None
                ch.columns.append(kept)
        left = {k.name for k in inherited_checks(s, ch)}
        for k in [k for k in p.constraints if k.kind == "c"] + inherited_checks(s, p):
            if k.name not in left and k.name not in [o.name for o in ch.constraints]:
                ch.constraints.append(copy.deepcopy(k))
        return True
    # a second parent, new, with some of the columns the child has from its first one (same
    # name and type) and nothing else: INHERIT leaves an inherited column inherited only, but a
    # column the child has to be given first stays its own (attislocal), which a child created
    # with INHERITS never has, so no other parent would converge
    ch = g.pick(children)
    if ch is None:
        return False
    local = {c.name for c in ch.columns}
    shared = [c for c in inherited_columns(s, ch) if c.name not in local]
    if not shared:
        return False
    p = table_obj(g.rel_name(s, "t"))
    for c in g.r.sample(shared, g.r.randint(1, min(2, len(shared)))):
        kept = copy.deepcopy(c)
        tree_strip_column(kept)
        kept.default = kept.comment = None
        kept.not_null = False
        p.columns.append(kept)
    s.tables.append(p)
    ch.inherits = ch.inherits + [p.name]
    return True


# ---------------------------------------------------------------------------------------------
# Repair: whatever a mutation left behind that PostgreSQL would refuse, or that it would have
# dropped along with something else, is dropped or fixed here.

def fk_key_exists(b, ref_cols):
    """Exactly one unique index of b fits ref_cols: with two, PostgreSQL would pick the oldest, and
    which one that is after a migration is an accident of the plan's order."""
    want = sorted(ref_cols)
    keys = [k for k in b.constraints if k.kind in ("p", "u") and sorted(k.cols) == want]
    keys += [ix for ix in b.indexes if referenceable_index(ix) and sorted(k[0] for k in ix.keys) == want]
    return len(keys) == 1


def value_fits(s, base, what):
    """Whether a domain default or CHECK made as `what` (("label", enum, label) or ("lit", family,
    ...)) suits a domain over `base`."""
    if what[0] == "label":
        u = s.type(what[1])
        return base[:2] == ("enum", what[1]) and u is not None and what[2] in u.labels
    return base[0] != "enum" and family(base) in DEFAULT_FITS[what[1]]


def repair_types(s):
    changed = False
    for u in list(s.types):
        if u.kind == "domain":
            if u.base[0] == "enum" and s.type(u.base[1]) is None:
                s.types.remove(u)  # DROP TYPE ... CASCADE takes the domain over it
                changed = True
                continue
            if u.base[0] != "text":
                u.collate = None
            if u.default and not value_fits(s, u.base, u.default):
                u.default = None
            u.checks = [k for k in u.checks if value_fits(s, u.base, k.fam)]
        elif u.kind == "comp":
            kept = [a for a in u.attrs if not is_user(a.type) or s.type(a.type[1]) is not None]
            if len(kept) != len(u.attrs):
                u.attrs = kept  # as DROP TYPE ... CASCADE would
                changed = True
            for a in u.attrs:
                if a.collate and family(a.type) != "text":
                    a.collate = None
        elif u.kind == "range":
            if u.subtype != "float8":
                u.diff = False
            if u.subtype != "text":
                u.collate = None
    for f in list(s.type_functions):
        if s.type(f.arg[1]) is None:
            s.type_functions.remove(f)
            changed = True
        elif f.returns == "enum" and (f.arg[0] != "enum" or f.arg[2]):
            f.returns = "integer"
    return changed


def label_fits(s, t, enum, label):
    """Whether a column of type t may be compared with the label of that enum."""
    u = s.type(enum)
    return t[:2] == ("enum", enum) and u is not None and label in u.labels


def repair(s):
    changed = True
    while changed:
        changed = repair_types(s)
        changed = repair_trees(s) or changed
        for q in list(s.sequences):
            if q.owned_by:
                t = s.table(q.owned_by[0])
                if t is None or col_of(t, q.owned_by[1]) is None:
                    s.sequences.remove(q)  # it went with its owner
                    changed = True
        for t in s.tables:
            for c in list(t.columns):
                if is_user(c.type) and s.type(c.type[1]) is None:
                    t.columns.remove(c)  # as DROP TYPE ... CASCADE would
                    changed = True
                    continue
                if c.generated:
                    base = col_of(t, c.generated["base"])
                    if base is None:
                        t.columns.remove(c)  # as DROP COLUMN ... CASCADE would
                        changed = True
                        continue
                    if base.generated or family(base.type) not in ("int", "num") or family(c.type) not in ("int", "num"):
                        c.generated = None
                    else:
                        c.default = c.identity = None
                        c.serial = False
                if c.identity:
                    if c.type[0] not in INT_TYPES:
                        c.identity = None
                    else:
                        c.default, c.not_null, c.serial = None, True, False
                if c.default and c.default[0] == "nextval" and s.sequence(c.default[1]) is None:
                    c.default = None
                if c.default and c.default[0] == "label":
                    if not label_fits(s, c.type, c.default[1], c.default[2]) or c.type[2] != c.default[3]:
                        c.default = None
                elif c.default and family(c.type) not in DEFAULT_FITS[c.default[0] if c.default[0] == "nextval" else c.default[1]]:
                    c.default = None
                if not c.default or c.default[0] != "nextval":
                    c.serial = False
                if c.collate and (family(c.type) != "text"
                                  or c.collate not in ["C", "POSIX"] + [co.name for co in s.collations]):
                    c.collate = None
                if getattr(c, "compression", None) and c.type[0] not in VARLENA:
                    c.compression = None
                if c.storage and c.type[0] not in VARLENA:
                    c.storage = None
            names = [c.name for c in t.columns]
            for k in list(t.constraints):
                drop = any(c not in names for c in k.cols)
                if not drop and k.kind in ("p", "u"):
                    drop = any(col_of(t, c).generated or family(col_of(t, c).type) not in KEYABLE for c in k.cols)
                    # One primary key; and no two keys on one set of columns: CREATE TABLE would merge
                    # them into one index (named after either), and a foreign key to those columns
                    # would use whichever index is oldest.
                    earlier = t.constraints[:t.constraints.index(k)]
                    drop = drop or (k.kind == "p" and any(o.kind == "p" for o in earlier)) \
                        or any(o.kind in ("p", "u") and sorted(o.cols) == sorted(k.cols) for o in earlier)
                if not drop and k.kind == "c":
                    # a CHECK made for a text column does not suit an enum, nor one that names a
                    # label an enum without it
                    drop = any(old != family(col_of(t, c).type) and (old in USER_FAMILIES or family(col_of(t, c).type) in USER_FAMILIES)
                               for c, old in (k.fams or {}).items()) \
                        or any(not label_fits(s, col_of(t, c).type, e, x) for c, e, x in k.labels)
                if not drop and k.kind == "f":
                    b = s.table(k.ref_table)
                    drop = b is None or in_part_tree(b) or any(col_of(b, c) is None for c in k.ref_cols) \
                        or (b.unlogged and not t.unlogged) or any(col_of(t, c).generated for c in k.cols)
                    drop = drop or not fk_key_exists(b, k.ref_cols) \
                        or any(family(col_of(b, rc).type) not in KEYABLE for rc in k.ref_cols) \
                        or any(col_of(t, c).type != col_of(b, rc).type for c, rc in zip(k.cols, k.ref_cols))
                if drop:
                    t.constraints.remove(k)
                    changed = True
            if t.cluster and t.cluster not in [ix.name for ix in t.indexes
                                               if ix.method == "btree" and not ix.where and not ix.where_label]:
                t.cluster = None  # CLUSTER ON goes with its index
            for st in list(t.stats):
                if any(c not in names or family(col_of(t, c).type) not in KEYABLE or col_of(t, c).generated for c in st.cols):
                    t.stats.remove(st)  # dropped with its column
            for r in list(t.rules):
                if r.col not in names:
                    t.rules.remove(r)  # dropped before its column, as the diff must do
            for tg in t.triggers:
                if tg.update_of and tg.update_of not in names:
                    tg.update_of = None  # a trigger cannot outlive the column it watches
            for p in list(t.policies):
                if p.col not in names:
                    t.policies.remove(p)  # dropped before its column, as the diff must do
                    changed = True
            for ix in list(t.indexes):
                drop = any(c not in names for c in index_cols(ix))
                if not drop:
                    fams = [family(col_of(t, k[0]).type) for k in ix.keys]
                    if ix.method == "gin":
                        drop = fams[0] not in ("jsonb", "intarr")
                    else:
                        drop = any(f in NOT_BTREE for f in fams) or \
                            any(k[1] == "lower" and f != "text" for k, f in zip(ix.keys, fams))
                if drop:
                    t.indexes.remove(ix)
                    changed = True
                elif ix.where_label and not label_fits(s, col_of(t, ix.where).type, *ix.where_label[:2]):
                    ix.where_label = None
        for v in list(s.views):
            # as DROP ... CASCADE would take a view with its table, view or function; a column
            # gone from its base leaves the view without it
            base = s.relation_columns(v.base)
            if base is None or v.fn and s.function(v.fn[0]) is None:
                s.views.remove(v)
                changed = True
                continue
            families = dict(base)
            kept = list(dict.fromkeys(c for c in v.cols if c in families))  # once each
            if kept != v.cols:
                v.cols = kept
                changed = True
            if v.where and v.where not in families:
                v.where = None
            if v.where_label and not (v.where and label_fits(s, dict(s.relation_types(v.base))[v.where], *v.where_label[:2])):
                v.where_label = None
            if v.fn and (families.get(v.fn[1]) not in ("int", "num") or f"fx_{v.fn[1]}" in v.cols):
                v.fn = None  # not a number any more, or its column's name taken by one of the base's
                changed = True
            if v.tfn:
                f = s.type_function(v.tfn[0])
                if f is None:
                    s.views.remove(v)  # as DROP FUNCTION ... CASCADE would
                    changed = True
                    continue
                if dict(s.relation_types(v.base)).get(v.tfn[1]) != f.arg or f"tx_{v.tfn[1]}" in v.cols:
                    v.tfn = None
                    changed = True
            if not v.cols:
                s.views.remove(v)
                changed = True
                continue
            # a materialized view with data reads its base, which must hold data then
            b = s.view(v.base)
            if v.materialized and not v.no_data and b is not None and b.materialized and b.no_data:
                v.no_data = True
            mine = dict(s.relation_columns(v.name))
            for ix in list(v.indexes):
                if mine.get(ix.col) not in KEYABLE:
                    v.indexes.remove(ix)


# ---------------------------------------------------------------------------------------------
# Mutations of the target. Each returns whether it changed something; repair() runs after each.

def any_table(g, s):
    """A table that is no partition (a partition has what its parent has)."""
    return g.pick([t for t in s.tables if t.parent is None])


def any_column(g, s, test=lambda t, c: True, partitions=False):
    """A column of a table, not of a partition (unless `partitions`), nor a partition key column."""
    cands = [(t, c) for t in s.tables for c in t.columns if test(t, c)
             and (partitions or t.parent is None) and c.name not in locked_cols(s, t)]
    return g.pick(cands) or (None, None)


def m_add_table(g, s):
    t = g.new_table(s)
    s.tables.append(t)
    if g.chance(0.5):
        g.add_fk(s, t)
    if g.chance(0.3):
        g.add_fk(s, g.pick(s.tables))
    return True


def m_drop_table(g, s):
    if len(s.tables) < 2:
        return False
    s.tables.remove(g.pick(s.tables))
    return True


def m_add_column(g, s):
    t = any_table(g, s)
    if g.chance(0.15):
        col = g.new_generated(s, t)
        if col is None:
            return False
    else:
        col = g.new_column(s, t)
    t.columns.append(col)
    if g.chance(0.2):
        g.add_index(s, t)
    return True


def m_drop_column(g, s):
    t, c = any_column(g, s)
    if c is None:
        return False
    if g.chance(0.4):
        for q in s.sequences:
            if q.owned_by == (t.name, c.name):
                q.owned_by = None  # released, outlives its column
    t.columns.remove(c)
    return True


def m_rename_column(g, s):
    """A rename, as the diff sees it: the column goes, one of another name comes."""
    t, c = any_column(g, s)
    if c is None:
        return False
    new = copy.deepcopy(c)
    new.name = g.col_name(s, t)
    new.serial = False
    if new.identity and not g.identity_ok(s, t, new):
        new.identity = None
    t.columns[t.columns.index(c)] = new
    return True


def fk_component(s, t, c):
    """Every (table, column) linked to t.c by foreign keys, t.c included."""
    seen, todo = [(t.name, c.name)], [(t.name, c.name)]
    while todo:
        node = todo.pop()
        for a in s.tables:
            for k in a.constraints:
                if k.kind != "f":
                    continue
                for x, y in zip(k.cols, k.ref_cols):
                    for here, there in (((a.name, x), (k.ref_table, y)), ((k.ref_table, y), (a.name, x))):
                        if here == node and there not in seen:
                            seen.append(there)
                            todo.append(there)
    return seen


def m_change_type(g, s):
    t, c = any_column(g, s, lambda t, c: type_changes(c.type))
    if c is None:
        return False
    new = g.pick(type_changes(c.type))
    if c.identity and new[0] not in INT_TYPES:
        return False
    members = [(s.table(tn), col_of(s.table(tn), cn)) for tn, cn in fk_component(s, t, c)]
    if len(members) > 1 and g.chance(0.7) and all(not (m.identity and new[0] not in INT_TYPES) for _, m in members) \
            and all(mt.parent is None and m.name not in locked_cols(s, mt) for mt, m in members):
        for _, m in members:
            m.type = new
    else:
        c.type = new  # repair() drops the foreign keys whose types no longer match
    return True


def m_default(g, s):
    t, c = any_column(g, s, lambda t, c: not c.identity and not c.generated, partitions=g.chance(0.5))
    if c is None:
        return False
    c.own_default = t.parent is not None  # a partition's default of its own
    c.serial = False
    c.default = None if c.default and g.chance(0.4) else g.new_default(s, c)
    return True


def m_not_null(g, s):
    t, c = any_column(g, s, lambda t, c: not c.identity)
    if c is None:
        return False
    c.not_null = not c.not_null
    c.serial = False
    return True


def m_collation(g, s):
    t, c = any_column(g, s, lambda t, c: family(c.type) == "text")
    if c is None:
        return False
    c.collate = None if c.collate else "C"
    return True


def m_identity(g, s):
    t, c = any_column(g, s, lambda t, c: c.type[0] in INT_TYPES and not c.generated)
    if c is None:
        return False
    if c.identity:
        what = g.pick(["options", "options", "kind", "off"])
        if what == "off":
            c.identity = None
        elif what == "kind":
            c.identity["kind"] = "BY DEFAULT" if c.identity["kind"] == "ALWAYS" else "ALWAYS"
        else:
            c.identity = g.new_identity(c) | {"kind": c.identity["kind"]}
        return True
    if not g.identity_ok(s, t, c):
        return False
    c.identity, c.default, c.not_null, c.serial = g.new_identity(c), None, True, False
    return True


def m_generated(g, s):
    t, c = any_column(g, s, lambda t, c: family(c.type) in ("int", "num") and not c.identity)
    if c is None:
        return False
    if c.generated:
        if g.chance(0.4):
            c.generated = None  # DROP EXPRESSION
            return True
        return g.new_generated(s, t, c) is not None
    if any(o.generated and o.generated["base"] == c.name for o in t.columns):
        return False
    if any(q.owned_by == (t.name, c.name) for q in s.sequences):
        return False
    return g.new_generated(s, t, c) is not None


def m_storage(g, s):
    t, c = any_column(g, s)
    if c is None:
        return False
    if c.type[0] in VARLENA and g.chance(0.5):
        c.storage = g.pick([None, *STORAGES])
    else:
        c.statistics = g.pick([None, 0, 10, 100, 500, 1000])
    return True


def m_add_constraint(g, s):
    t = any_table(g, s)
    kind = g.pick(["p", "u", "c", "f", "f"])
    if kind in ("p", "u"):
        return g.add_key(s, t, kind)
    if kind == "c":
        return g.add_check(s, t)
    return g.add_fk(s, t)


def m_drop_constraint(g, s):
    cands = [(t, k) for t in s.tables for k in t.constraints]
    if not cands:
        return False
    t, k = g.pick(cands)
    t.constraints.remove(k)
    return True


def m_change_constraint(g, s):
    cands = [(t, k) for t in s.tables for k in t.constraints]
    if not cands:
        return False
    t, k = g.pick(cands)
    if k.kind == "c":
        if g.chance(0.4):
            k.valid = not k.valid
        else:
            k.expr, k.cols, k.labels = g.check_expr(s, t)
            k.fams = {c: family(col_of(t, c).type) for c in k.cols}
    elif k.kind == "f":
        what = g.pick(["on_delete", "deferrable", "valid"])
        if what == "on_delete":
            k.on_delete = g.pick([x for x in [None, "CASCADE", "SET NULL", "RESTRICT"] if x != k.on_delete])
        elif what == "deferrable":
            k.deferrable = not k.deferrable
        else:
            k.valid = not k.valid
    else:
        what = g.pick(["fillfactor", "cols", "nnd"] if k.kind == "u" else ["fillfactor", "cols"])
        if what == "fillfactor":
            k.fillfactor = g.pick([x for x in [None, 50, 70, 90] if x != k.fillfactor])
        elif what == "nnd":
            k.nnd = not k.nnd
        else:
            cands = g.key_candidates(t)
            k.cols = [c.name for c in g.r.sample(cands, min(len(cands), g.pick([1, 2])))]
            if not k.cols:
                t.constraints.remove(k)
    return True


def m_add_index(g, s):
    return g.add_index(s, any_table(g, s))


def m_drop_index(g, s):
    cands = [(t, ix) for t in s.tables for ix in t.indexes]
    if not cands:
        return False
    t, ix = g.pick(cands)
    t.indexes.remove(ix)
    return True


def m_change_index(g, s):
    cands = [(t, ix) for t in s.tables for ix in t.indexes if ix.method == "btree"]
    if not cands:
        return False
    t, ix = g.pick(cands)
    what = g.pick(["unique", "desc", "where", "fillfactor", "include"])
    if what == "unique":
        ix.unique = not ix.unique
    elif what == "desc":
        key = g.pick(ix.keys)
        key[2] = not key[2]
    elif what == "where":
        where = None if ix.where else g.pick(t.columns)
        ix.where, ix.where_label = (where.name, g.where_label(s, where.type)) if where else (None, None)
    elif what == "fillfactor":
        ix.fillfactor = g.pick([x for x in [None, 50, 80, 100] if x != ix.fillfactor])
    else:
        rest = [c.name for c in t.columns if c.name not in [k[0] for k in ix.keys]]
        ix.include = [] if ix.include or not rest else [g.pick(rest)]
    return True


def m_persistence(g, s):
    t = any_table(g, s)
    t.unlogged = not t.unlogged  # repair() drops foreign keys from logged to unlogged tables
    return True


def m_row_security(g, s):
    t = any_table(g, s)
    what = g.pick(["rls", "force", "add", "drop", "change"])
    if what == "rls":
        t.rls = not t.rls
    elif what == "force":
        t.force_rls = not t.force_rls
    elif what == "add" or not t.policies:
        g.add_policy(s, t)
    elif what == "drop":
        t.policies.remove(g.pick(t.policies))
    else:
        p = g.pick(t.policies)
        p.role = "postgres" if p.role == "PUBLIC" else "PUBLIC"
        if g.chance(0.5):
            p.col = g.pick([c.name for c in t.columns])
        if g.chance(0.3):
            p.permissive = not p.permissive
    return True


def m_trigger(g, s):
    t = any_table(g, s)
    what = g.pick(["add", "drop", "enabled", "change"])
    if what == "add" or not t.triggers:
        g.add_trigger(s, t)
        return True
    tg = g.pick(t.triggers)
    if what == "drop":
        t.triggers.remove(tg)
    elif what == "enabled":
        tg.enabled = g.pick([x for x in "ODAR" if x != tg.enabled])
    elif tg.constraint:
        tg.deferred = not tg.deferred
    else:
        tg.events = g.r.sample(["INSERT", "UPDATE", "DELETE"], g.r.randint(1, 3))
        tg.update_of = g.pick([c.name for c in t.columns]) if "UPDATE" in tg.events and t.columns and g.chance(0.5) else None
        tg.row = g.chance(0.5)
    return True


def m_collation_object(g, s):
    """A collation added, dropped (its columns go back to the default) or given another locale
    (made again under its columns and indexes)."""
    what = g.pick(["add", "drop", "locale", "use"])
    if not ICU:
        return False
    if what == "add" or not s.collations:
        s.collations.append(g.new_collation(s))
    elif what == "drop":
        s.collations.remove(g.pick(s.collations))
    elif what == "locale":
        co = g.pick(s.collations)
        co.locale = g.pick([x for x in ICU_LOCALES if x != co.locale])
    else:
        texts = [(t, c) for t in s.tables for c in t.columns if family(c.type) == "text"
                 and t.parent is None and c.name not in locked_cols(s, t)]
        if not texts:
            return False
        t, c = g.pick(texts)
        c.collate = g.pick([co.name for co in s.collations] + [None])
    return True


def m_table_properties(g, s):
    """Replica identity, CLUSTER ON, a column's compression."""
    t = any_table(g, s)
    what = g.pick(["replica", "cluster", "compression"])
    if what == "replica":
        t.replica = g.pick([x for x in [None, "FULL", "NOTHING"] if x != t.replica])
    elif what == "cluster":
        t.cluster = None if t.cluster else g.cluster_index(t)
    else:
        cols = [c for c in t.columns if c.type[0] in VARLENA]
        if not cols:
            return False
        c = g.pick(cols)
        c.compression = None if getattr(c, "compression", None) else "pglz"
    return True


def m_stats(g, s):
    t = any_table(g, s)
    what = g.pick(["add", "drop", "target", "kinds"])
    if what == "add" or not t.stats:
        return g.add_stats(s, t)
    st = g.pick(t.stats)
    if what == "drop":
        t.stats.remove(st)
    elif what == "target":
        st.target = g.pick([x for x in [None, 50, 500, 1000] if x != st.target])
    else:
        st.kinds = g.r.sample(["ndistinct", "dependencies", "mcv"], g.r.randint(1, 3))
    return True


def m_rule(g, s):
    t = any_table(g, s)
    if not t.rules or g.chance(0.4):
        return g.add_rule(s, t)
    r = g.pick(t.rules)
    if g.chance(0.4):
        t.rules.remove(r)
    else:
        r.instead = not r.instead
        if t.columns and g.chance(0.5):
            r.col = g.pick([c.name for c in t.columns])
    return True


def m_comment(g, s):
    t = any_table(g, s)
    if g.chance(0.4) or not t.columns:
        t.comment = g.pick([None] + [c for c in COMMENTS if c != t.comment])
    else:
        c = g.pick(t.columns)
        c.comment = g.pick([None] + [x for x in COMMENTS if x != getattr(c, "comment", None)])
    return True


def m_table_options(g, s):
    t = any_table(g, s)
    old = dict(t.options)
    g.new_options(t)
    return t.options != old


def m_add_sequence(g, s):
    q = g.new_sequence(s)
    s.sequences.append(q)
    if g.chance(0.5):
        t, c = any_column(g, s, lambda t, c: c.type[0] in ("integer", "bigint") and not c.identity and not c.generated)
        if c is not None:
            c.default, c.serial = ("nextval", q.name), False
    if g.chance(0.3):
        set_owner(g, s, q)
    return True


def m_drop_sequence(g, s):
    if not s.sequences:
        return False
    s.sequences.remove(g.pick(s.sequences))  # repair() drops the defaults that used it
    return True


def m_alter_sequence(g, s):
    q = g.pick(s.sequences)
    if q is None:
        return False
    before = dict(vars(q))
    what = g.pick(["all", "increment", "start", "cache", "cycle", "bounds"])
    if what == "all":
        g.seq_options(q)
    elif what == "increment":
        q.increment = g.pick([None, 1, 3, 7, -1])
    elif what == "start":
        mn, mx, _ = seq_bounds(q)
        q.start = g.pick([mn, mx, min(mn + 3, mx)])
    elif what == "cache":
        q.cache = g.pick([None, 1, 5, 50])
    elif what == "cycle":
        q.cycle = not q.cycle
    else:
        mn, mx, _ = seq_bounds(q)
        q.minvalue, q.maxvalue = (mn - 10, mx) if g.chance(0.5) else (mn, mx - 10)
    if not seq_valid(q):
        q.minvalue = q.maxvalue = q.start = None
    if not seq_valid(q):
        q.increment = None
    assert seq_valid(q), vars(q)
    return vars(q) != before


def m_sequence_owner(g, s):
    q = g.pick(s.sequences)
    if q is None:
        return False
    if q.owned_by and g.chance(0.5):
        q.owned_by = None
        return True
    return set_owner(g, s, q)


def m_add_function(g, s):
    s.functions.append(g.new_function(s))
    return True


def m_drop_function(g, s):
    f = g.pick(s.functions)
    if f is None:
        return False
    s.functions.remove(f)
    return True


def m_change_function(g, s):
    f = g.pick(s.functions)
    if f is None:
        return False
    what = g.pick(["k", "returns", "body"])
    if what == "k":
        f.k += 1
    elif what == "returns":
        f.returns = "bigint" if f.returns == "integer" else "integer"
    else:
        f.body = g.pick([b for b in ("return", "string", "plpgsql", "atomic") if b != f.body])
    return True


def m_add_view(g, s):
    v = g.new_view(s)
    if v is None:
        return False
    s.views.append(v)
    return True


def m_drop_view(g, s):
    v = g.pick(s.views)
    if v is None:
        return False
    s.views.remove(v)
    return True


def m_change_view(g, s):
    v = g.pick(s.views)
    if v is None:
        return False
    base = s.relation_types(v.base) or []
    what = g.pick(["cols", "where", "fn", "tfn", "barrier", "index", "data"])
    if what == "cols":
        more = [c for c, _ in base if c not in v.cols]
        if more and g.chance(0.6):
            v.cols.append(g.pick(more))
        elif len(v.cols) > 1:
            v.cols.remove(g.pick(v.cols))
        else:
            return False
    elif what == "where":
        v.where = None if v.where else g.pick(v.cols)
        v.where_label = g.where_label(s, dict(base)[v.where], "=") if v.where else None
    elif what == "fn":
        numeric = [c for c, t in base if family(t) in ("int", "num")]
        v.fn = None if v.fn or not s.functions or not numeric else (g.pick(s.functions).name, g.pick(numeric))
    elif what == "tfn" and v.tfn:
        v.tfn = None
    elif what == "tfn":
        v.tfn = g.type_function_call(s, v.base, v.cols)
        if v.tfn is None:
            return False
    elif what == "barrier" and not v.materialized:
        v.barrier = not v.barrier
    elif what == "index" and v.materialized:
        if v.indexes and g.chance(0.5):
            v.indexes.remove(g.pick(v.indexes))
        else:
            g.add_view_index(s, v)
    elif what == "data" and v.materialized:
        v.no_data = not v.no_data
    else:
        return False
    return True


def m_add_type(g, s):
    u = g.new_user_type(s)
    s.types.append(u)
    if (u.kind != "comp" or g.chance(0.5)) and g.chance(0.7):
        t = any_table(g, s)
        col = Column(g.col_name(s, t), g.user_column_type(s, u), not_null=g.chance(0.2))
        if g.chance(0.4):
            col.default = g.new_default(s, col)
        t.columns.append(col)
    elif g.chance(0.6):
        s.type_functions.append(g.new_type_function(s, u))
    return True


def m_drop_type(g, s):
    u = g.pick(s.types)
    if u is None:
        return False
    if g.chance(0.5):
        for t in s.tables:
            for c in t.columns:
                if is_user(c.type) and c.type[1] == u.name:
                    c.type = ("text",)  # kept, as text; repair() drops what does not suit text
    s.types.remove(u)  # repair() drops the columns, domains, attributes and functions that used it
    return True


def use_label(g, s, u, label):
    """A new default, CHECK, partial index or view that names the label (just added to enum u)."""
    cols = [(t, c) for t in s.tables for c in t.columns if c.type[:2] == ("enum", u.name)]
    doms = [d for d in s.types if d.kind == "domain" and d.base[:2] == ("enum", u.name)]
    how = g.pick(["default", "default", "check", "check", "domain", "index", "view"])
    if how == "domain" and doms:
        d = g.pick(doms)
        if g.chance(0.5):
            d.default = ("label", u.name, label)
        else:
            d.checks.append(Obj(name=g.rel_name(s, "dck"), expr=f"VALUE <> {lit(label)}", fam=("label", u.name, label),
                                valid=g.chance(0.7)))
        return
    if not cols:
        t = any_table(g, s)
        c = Column(g.col_name(s, t), ("enum", u.name, g.chance(0.2)))
        t.columns.append(c)
        cols = [(t, c)]
    t, c = g.pick(cols)
    if c.type[2] and how in ("index", "view"):
        how = "check"  # an array: no predicate on a label
    if how == "check":
        g.add_check(s, t, g.label_check(c, [label]))
    elif how == "index":
        key = g.pick([x for x in t.columns if family(x.type) not in NOT_BTREE])
        t.indexes.append(Index(g.rel_name(s, "ix"), [[key.name, "col", False]],
                               where=c.name, where_label=(u.name, label, g.pick(["=", "<>"]))))
    elif how == "view":
        s.views.append(Obj(name=g.rel_name(s, "v"), base=t.name, cols=[c.name], materialized=g.chance(0.25),
                           where=c.name, where_label=(u.name, label, "="), barrier=False, fn=None, tfn=None,
                           no_data=False, indexes=[]))
    else:
        c.default = ("label", u.name, label, c.type[2])


def m_enum(g, s):
    u = g.pick([u for u in s.types if u.kind == "enum"])
    if u is None:
        return False
    what = g.pick(["start", "middle", "end", "end", "many", "remove", "remove", "reorder", "use", "use"])
    if what in ("start", "middle", "end", "use"):
        label = g.label(s, u.labels)
        u.labels.insert({"start": 0, "end": len(u.labels)}.get(what, g.r.randint(0, len(u.labels))), label)
        if what == "use":
            use_label(g, s, u, label)
    elif what == "many":
        for _ in range(g.r.randint(2, 3)):
            u.labels.insert(g.r.randint(0, len(u.labels)), g.label(s, u.labels))
    elif len(u.labels) < 2:
        return False
    elif what == "remove":
        u.labels.remove(g.pick(u.labels))  # repair() drops what named it
    else:
        i, j = g.r.sample(range(len(u.labels)), 2)
        u.labels[i], u.labels[j] = u.labels[j], u.labels[i]
    return True


def m_domain(g, s):
    d = g.pick([u for u in s.types if u.kind == "domain"])
    if d is None:
        return False
    what = g.pick(["default", "not_null", "check_add", "check_drop", "check_change", "check_valid", "base", "collate"])
    if what == "default":
        d.default = None if d.default and g.chance(0.4) else g.domain_default(s, d)
    elif what == "not_null":
        d.not_null = not d.not_null
    elif what == "check_add" or not d.checks:
        k = g.domain_check(s, d)
        if k is None:
            return False
        d.checks.append(k)
    elif what == "check_drop":
        d.checks.remove(g.pick(d.checks))
    elif what == "check_change":
        k, new = g.pick(d.checks), g.domain_check(s, d)
        if new is None or new.expr == k.expr:
            return False
        k.expr, k.fam = new.expr, new.fam
    elif what == "check_valid":
        k = g.pick(d.checks)
        k.valid = not k.valid
    elif what == "base":
        d.base = g.domain_base(s, d.base)  # repair() drops the default and CHECKs that do not suit it
        if g.chance(0.5):
            d.default = g.domain_default(s, d)
    elif d.base[0] == "text":
        d.collate = None if d.collate else "C"
    else:
        return False
    return True


def m_composite(g, s):
    c = g.pick([u for u in s.types if u.kind == "comp"])
    if c is None:
        return False
    what = g.pick(["add", "add", "drop", "retype", "retype", "collate"])
    if what == "add" or not c.attrs:
        pos = len(c.attrs) if g.chance(0.6) else g.r.randint(0, len(c.attrs))
        c.attrs.insert(pos, g.new_attr(s, c.attrs))
    elif what == "drop":
        c.attrs.remove(g.pick(c.attrs))
    elif what == "retype":
        a = g.pick(c.attrs)
        a.type = g.pick([("text",) if a.type != ("text",) else ("integer",)]
                        + ([] if is_user(a.type) else type_changes(a.type)))
    else:
        a = g.pick([a for a in c.attrs if a.type == ("text",)])
        if a is None:
            return False
        a.collate = None if a.collate else "C"
    return True


def m_range(g, s):
    r = g.pick([u for u in s.types if u.kind == "range"])
    if r is None:
        return False
    what = g.pick(["subtype", "subtype", "diff", "multirange", "collate"])
    if what == "subtype":
        r.subtype = g.pick([x for x in RANGE_SUBTYPES if x != r.subtype])
        r.diff = r.subtype == "float8" and g.chance(0.5)
    elif what == "diff" and r.subtype == "float8":
        r.diff = not r.diff
    elif what == "multirange":
        r.multirange = None if r.multirange else g.rel_name(s, "mr")
    elif what == "collate" and r.subtype == "text":
        r.collate = None if r.collate else "C"
    else:
        return False
    return True


def m_type_column(g, s):
    """A column moves from a user type to text, or from text to a user type."""
    if g.chance(0.5):
        t, c = any_column(g, s, lambda t, c: is_user(c.type))
        if c is not None:
            c.type = ("text",)
            return True
    t, c = any_column(g, s, lambda t, c: family(c.type) == "text")
    if c is None:
        return False
    if not s.types:
        s.types.append(g.new_user_type(s))
    c.type = g.user_column_type(s)
    return True


def m_type_function(g, s):
    what = g.pick(["add", "drop", "change", "change"])
    if what == "add" or not s.type_functions:
        if not s.types:
            return False
        s.type_functions.append(g.new_type_function(s))
        return True
    f = g.pick(s.type_functions)
    if what == "drop":
        s.type_functions.remove(f)
        return True
    what = g.pick(["k", "body", "returns"])
    if what == "returns" and f.arg[0] == "enum" and not f.arg[2]:
        f.returns = "integer" if f.returns == "enum" else "enum"
    elif what == "body":
        f.body = g.pick([b for b in ("return", "string", "plpgsql", "atomic") if b != f.body])
    else:
        f.k += 1
    return True


MUTATIONS = [
    (3, m_add_table), (2, m_drop_table), (5, m_add_column), (4, m_drop_column), (2, m_rename_column),
    (5, m_change_type), (4, m_default), (3, m_not_null), (2, m_collation), (4, m_identity), (3, m_generated),
    (2, m_storage), (5, m_add_constraint), (3, m_drop_constraint), (4, m_change_constraint),
    (3, m_add_index), (2, m_drop_index), (3, m_change_index), (2, m_persistence), (2, m_table_options),
    (2, m_add_sequence), (2, m_drop_sequence), (3, m_alter_sequence), (2, m_sequence_owner),
    (2, m_add_function), (1, m_drop_function), (3, m_change_function), (3, m_add_view), (2, m_drop_view),
    (4, m_change_view), (3, m_row_security),
    (4, m_add_type), (2, m_drop_type), (10, m_enum), (7, m_domain), (6, m_composite), (5, m_range),
    (5, m_type_column), (3, m_type_function), (4, m_trigger), (3, m_comment), (2, m_stats), (2, m_rule), (3, m_collation_object), (3, m_table_properties),
]
# Of trees: weighed in only when the schema has one (m_partition_key and m_inherit may start one
# in any schema, now and then), so that a pair with a tree changes it most of the time.
TREE_MUTATIONS = [
    (12, m_add_partition), (8, m_drop_partition), (10, m_detach_partition), (10, m_attach_partition),
    (12, m_rebound), (16, m_tree_column), (10, m_tree_index), (10, m_partition_key), (16, m_inherit),
]
START_TREE = [(1, m_partition_key), (1, m_inherit)]


def mutate(g, s):
    wanted, applied, tries = g.r.randint(1, 8), [], 0
    while len(applied) < wanted and tries < 200:
        tries += 1
        trees = any(in_part_tree(t) or t.inherits for t in s.tables)
        table = MUTATIONS + (TREE_MUTATIONS if trees else START_TREE)
        fn = g.r.choices([f for _, f in table], [w for w, _ in table])[0]
        if fn(g, s):
            applied.append(fn.__name__[2:])
            repair(s)
    return applied


# ---------------------------------------------------------------------------------------------
# SQL

def serial_ok(s, t, c):
    """Whether the column can be written as serial: exactly what `serial` would have made."""
    if not c.serial or c.type[0] not in INT_TYPES or c.identity or c.generated or not c.not_null:
        return False
    q = s.sequence(identity_seq_name(t, c))
    if q is None or c.default != ("nextval", q.name) or q.owned_by != (t.name, c.name):
        return False
    if (q.as_type, q.increment, q.minvalue, q.maxvalue, q.start, q.cache, q.cycle) != \
            (c.type[0], None, None, None, None, None, False):
        return False
    users = [(u.name, o.name) for u in s.tables for o in u.columns if o.default == ("nextval", q.name)]
    return users == [(t.name, c.name)]


def default_sql(d):
    if d[0] == "label":
        value = f"{lit(d[2])}::{qi(d[1])}"
        return f"ARRAY[{value}]" if d[3] else value
    return f"nextval({lit(qi(d[1]))}::regclass)" if d[0] == "nextval" else d[2]


def type_def_sql(u):
    if u.kind == "enum":
        return f"CREATE TYPE {qi(u.name)} AS ENUM ({', '.join(lit(x) for x in u.labels)});"
    if u.kind == "comp":
        attrs = [f"{qi(a.name)} {type_sql(a.type)}" + (f' COLLATE "{a.collate}"' if a.collate else "") for a in u.attrs]
        return f"CREATE TYPE {qi(u.name)} AS ({', '.join(attrs)});"
    if u.kind == "range":
        opts = [f"subtype = {u.subtype}"]
        if u.collate:
            opts.append(f'collation = "{u.collate}"')
        if u.diff:
            opts.append("subtype_diff = float8mi")
        if u.multirange and PG14_FEATURES:
            opts.append(f"multirange_type_name = {qi(u.multirange)}")
        return f"CREATE TYPE {qi(u.name)} AS RANGE ({', '.join(opts)});"
    out = f"CREATE DOMAIN {qi(u.name)} AS {type_sql(u.base)}"
    if u.collate:
        out += f' COLLATE "{u.collate}"'
    if u.default:
        out += " DEFAULT " + (lit(u.default[2]) if u.default[0] == "label" else u.default[2])
    if u.not_null:
        out += " NOT NULL"
    lines = [out + "".join(f" CONSTRAINT {qi(k.name)} CHECK ({k.expr})" for k in u.checks if k.valid) + ";"]
    for k in u.checks:
        if not k.valid:
            lines.append(f"ALTER DOMAIN {qi(u.name)} ADD CONSTRAINT {qi(k.name)} CHECK ({k.expr}) NOT VALID;")
    return "\n".join(lines)


def type_function_sql(f):
    arg = type_sql(f.arg)
    if f.returns == "enum":
        returns, result = arg, "enum_last(x)"
    else:
        returns, result = "integer", f"length(x::text) + {f.k}"
    return routine_sql(f"CREATE FUNCTION {qi(f.name)}(x {arg}) RETURNS {returns}", f.body, result)


def predicate_sql(col, label):
    """WHERE col IS NOT NULL, or col = / <> 'label' for (enum, label, operator)."""
    if label:
        return f"{qi(col)} {label[2]} {lit(label[1])}"
    return f"{qi(col)} IS NOT NULL"


def column_sql(s, t, c):
    if serial_ok(s, t, c):
        return f"{qi(c.name)} {SERIAL_NAMES[c.type[0]]}"
    out = f"{qi(c.name)} {type_sql(c.type)}"
    if c.collate:
        out += f" COLLATE {qi(c.collate)}"
    if c.default:
        out += f" DEFAULT {default_sql(c.default)}"
    if c.generated:
        out += f" GENERATED ALWAYS AS ({expr_sql(c.generated['expr'], [c.generated['base']])}) STORED"
    if c.identity:
        out += f" GENERATED {c.identity['kind']} AS IDENTITY"
        opts = []
        if c.identity["start"] is not None:
            opts.append(f"START WITH {c.identity['start']}")
        if c.identity["increment"] is not None:
            opts.append(f"INCREMENT BY {c.identity['increment']}")
        if opts:
            out += f" ({' '.join(opts)})"
    if c.not_null:
        out += " NOT NULL"
    return out


def cols_sql(cols):
    return ", ".join(qi(c) for c in cols)


def constraint_sql(k):
    head = f"CONSTRAINT {qi(k.name)} " if k.name else ""
    if k.kind == "c":
        return f"{head}CHECK ({expr_sql(k.expr, k.cols)})"
    if k.kind == "f":
        out = f"{head}FOREIGN KEY ({cols_sql(k.cols)}) REFERENCES {qi(k.ref_table)} ({cols_sql(k.ref_cols)})"
        if k.on_delete:
            out += f" ON DELETE {k.on_delete}"
        if k.deferrable:
            out += " DEFERRABLE INITIALLY DEFERRED"
        return out
    out = head + ("PRIMARY KEY" if k.kind == "p" else "UNIQUE" + (" NULLS NOT DISTINCT" if k.nnd and PG15_FEATURES else ""))
    out += f" ({cols_sql(k.cols)})"
    if k.fillfactor:
        out += f" WITH (fillfactor={k.fillfactor})"
    return out


def index_sql(t, ix):
    keys = []
    for col, how, desc in ix.keys:
        key = f"lower({qi(col)})" if how == "lower" else qi(col)
        keys.append(key + (" DESC NULLS FIRST" if desc else ""))
    out = f"CREATE {'UNIQUE ' if ix.unique else ''}INDEX {qi(ix.name)} ON {qi(t.name)}"
    out += (" USING gin" if ix.method == "gin" else "") + f" ({', '.join(keys)})"
    if ix.include:
        out += f" INCLUDE ({cols_sql(ix.include)})"
    if ix.fillfactor:
        out += f" WITH (fillfactor={ix.fillfactor})"
    if ix.where:
        out += f" WHERE {predicate_sql(ix.where, ix.where_label)}"
    return out + ";"


def sequence_sql(s, q):
    owner = s.table(q.owned_by[0]) if q.owned_by else None
    out = f"CREATE {'UNLOGGED ' if owner and owner.unlogged and PG15_FEATURES else ''}SEQUENCE {qi(q.name)}"
    for word, value in (("AS", q.as_type), ("INCREMENT BY", q.increment), ("MINVALUE", q.minvalue),
                        ("MAXVALUE", q.maxvalue), ("START WITH", q.start), ("CACHE", q.cache)):
        if value is not None:
            out += f" {word} {value}"
    return out + (" CYCLE" if q.cycle else "") + ";"


def function_sql(f):
    result = "x + " + str(f.k) if f.returns == "integer" else f"(x + {f.k})::bigint"
    return routine_sql(f"CREATE FUNCTION {qi(f.name)}(x integer) RETURNS {f.returns}", f.body, result)


def routine_sql(head, body, result):
    """The function `head` returning `result`, with each kind of body."""
    if body == "return":
        return f"{head} LANGUAGE sql IMMUTABLE RETURN {result};"
    if body == "atomic":
        return f"{head} LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT {result}; END;"
    if body == "string":
        return f"{head} LANGUAGE sql IMMUTABLE AS $$ SELECT {result} $$;"
    return f"{head} LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN {result}; END $$;"


def view_sql(v):
    items = [qi(c) for c in v.cols]
    if v.fn:
        items.append(f"{qi(v.fn[0])}({qi(v.fn[1])}::integer) AS {qi('fx_' + v.fn[1])}")
    if v.tfn:
        items.append(f"{qi(v.tfn[0])}({qi(v.tfn[1])}) AS {qi('tx_' + v.tfn[1])}")
    kind = "MATERIALIZED VIEW" if v.materialized else "VIEW"
    out = f"CREATE {kind} {qi(v.name)}{' WITH (security_barrier)' if v.barrier else ''} AS SELECT {', '.join(items)} FROM {qi(v.base)}"
    if v.where:
        out += f" WHERE {predicate_sql(v.where, v.where_label)}"
    if v.materialized and v.no_data:
        out += " WITH NO DATA"
    lines = [out + ";"]
    for ix in v.indexes:
        lines.append(f"CREATE INDEX {qi(ix.name)} ON {qi(v.name)} ({qi(ix.col)});")
    return "\n".join(lines)


def part_sql(t):
    keys = [f"lower({qi(col)})" if how == "lower" else qi(col) for col, how in t.part.keys]
    return f"PARTITION BY {t.part.method.upper()} ({', '.join(keys)})"


def bound_value(parent, col, v, method):
    fam = family(col_of(parent, col).type)
    if fam == "int":
        return str(v * 100 if method == "range" else v)
    if fam == "date":
        return lit(f"{2000 + v}-01-01")
    return lit(chr(ord("a") + v) if method == "range" else f"v{v}")


def bound_sql(parent, b):
    if b[0] == "default":
        return "DEFAULT"
    if b[0] == "hash":
        return f"FOR VALUES WITH (MODULUS {b[1]}, REMAINDER {b[2]})"
    first = parent.part.keys[0][0]
    if b[0] == "list":
        return f"FOR VALUES IN ({', '.join(bound_value(parent, first, v, 'list') for v in b[1])})"
    rest = ["MINVALUE"] * (len(parent.part.keys) - 1)
    lo = ", ".join([bound_value(parent, first, b[1], "range")] + rest)
    hi = ", ".join([bound_value(parent, first, b[2], "range")] + rest)
    return f"FOR VALUES FROM ({lo}) TO ({hi})"


def partition_sql(s, t):
    parent = s.table(t.parent)
    out = [f"\nCREATE TABLE {qi(t.name)} PARTITION OF {qi(parent.name)} {bound_sql(parent, t.bound)}"
           + (f" {part_sql(t)}" if t.part else "") + ";"]
    mine = {c.name: c for c in parent.columns}
    for c in t.columns:
        if c.own_default and c.default != mine[c.name].default:
            what = f"SET DEFAULT {default_sql(c.default)}" if c.default else "DROP DEFAULT"
            out.append(f"ALTER TABLE ONLY {qi(t.name)} ALTER COLUMN {qi(c.name)} {what};")
    return out


def schema_sql(s):
    # types first, in the order they may depend on each other: enums, domains (over an enum),
    # composite types (with enum or domain attributes), ranges
    kinds = ("enum", "domain", "comp", "range")
    out = [f"CREATE COLLATION {qi(co.name)} (provider = icu, locale = {lit(co.locale)});" for co in s.collations]
    out += [type_def_sql(u) for u in sorted(s.types, key=lambda u: kinds.index(u.kind))]
    out += [type_function_sql(f) for f in s.type_functions]
    out += [function_sql(f) for f in s.functions]
    out.append("CREATE FUNCTION fuzz_touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;")
    serial_seqs = [identity_seq_name(t, c) for t in s.tables for c in t.columns if serial_ok(s, t, c)]
    for q in s.sequences:
        if q.name not in serial_seqs:
            out.append(sequence_sql(s, q))
    for t in topo(s):
        if t.parent:
            out += partition_sql(s, t)
        else:
            lines = [column_sql(s, t, c) for c in t.columns]
            lines += [constraint_sql(k) for k in t.constraints if k.kind in ("p", "u") or (k.kind == "c" and k.valid)]
            body = "".join(f"\n    {line}," for line in lines).rstrip(",")
            out.append(f"\nCREATE {'UNLOGGED ' if t.unlogged else ''}TABLE {qi(t.name)} ({body}\n)"
                       + (f" INHERITS ({cols_sql(t.inherits)})" if t.inherits else "")
                       + (f" {part_sql(t)}" if t.part else "")
                       + (f" WITH ({', '.join(f'{k}={v}' for k, v in t.options.items())})" if t.options else "") + ";")
        for c in t.columns:
            if c.storage:
                out.append(f"ALTER TABLE {qi(t.name)} ALTER COLUMN {qi(c.name)} SET STORAGE {c.storage};")
            if c.statistics is not None:
                out.append(f"ALTER TABLE {qi(t.name)} ALTER COLUMN {qi(c.name)} SET STATISTICS {c.statistics};")
        for ix in t.indexes:
            out.append(index_sql(t, ix))
        if t.rls:
            out.append(f"ALTER TABLE {qi(t.name)} ENABLE ROW LEVEL SECURITY;")
        if t.force_rls:
            out.append(f"ALTER TABLE {qi(t.name)} FORCE ROW LEVEL SECURITY;")
        for p in t.policies:
            role = "PUBLIC" if p.role == "PUBLIC" else qi(p.role)
            clause = f" WITH CHECK ({qi(p.col)} IS NOT NULL)" if p.command == "INSERT" else f" USING ({qi(p.col)} IS NOT NULL)"
            if p.check:
                clause += f" WITH CHECK ({qi(p.col)} IS NULL OR true)"
            out.append(f"CREATE POLICY {qi(p.name)} ON {qi(t.name)} AS {'PERMISSIVE' if p.permissive else 'RESTRICTIVE'} "
                       f"FOR {p.command} TO {role}{clause};")
        for tg in t.triggers:
            events = " OR ".join(f"UPDATE OF {qi(tg.update_of)}" if e == "UPDATE" and tg.update_of else e for e in tg.events)
            kind = "CONSTRAINT TRIGGER" if tg.constraint else "TRIGGER"
            defer = (" DEFERRABLE INITIALLY DEFERRED" if tg.deferred else " DEFERRABLE") if tg.constraint else ""
            out.append(f"CREATE {kind} {qi(tg.name)} {tg.timing} {events} ON {qi(t.name)}{defer} "
                       f"FOR EACH {'ROW' if tg.row else 'STATEMENT'} EXECUTE FUNCTION fuzz_touch();")
            if tg.enabled != "O":
                out.append(f"ALTER TABLE {qi(t.name)} {TRIGGER_STATES[tg.enabled]} TRIGGER {qi(tg.name)};")
        if t.replica:
            out.append(f"ALTER TABLE {qi(t.name)} REPLICA IDENTITY {t.replica};")
        if t.cluster:
            out.append(f"ALTER TABLE {qi(t.name)} CLUSTER ON {qi(t.cluster)};")
        for c in t.columns:
            if getattr(c, "compression", None):
                out.append(f"ALTER TABLE {qi(t.name)} ALTER COLUMN {qi(c.name)} SET COMPRESSION {c.compression};")
        for st in t.stats:
            out.append(f"CREATE STATISTICS {qi(st.name)} ({', '.join(st.kinds)}) ON {qi(st.cols[0])}, {qi(st.cols[1])} "
                       f"FROM {qi(t.name)};")
            if st.target is not None:
                out.append(f"ALTER STATISTICS {qi(st.name)} SET STATISTICS {st.target};")
        for r in t.rules:
            row = "old" if r.event == "DELETE" else "new"
            out.append(f"CREATE RULE {qi(r.name)} AS ON {r.event} TO {qi(t.name)} WHERE {row}.{qi(r.col)} IS NULL "
                       f"DO {'INSTEAD' if r.instead else 'ALSO'} NOTHING;")
        if t.comment:
            out.append(f"COMMENT ON TABLE {qi(t.name)} IS {lit(t.comment)};")
        for c in t.columns:
            if getattr(c, "comment", None):
                out.append(f"COMMENT ON COLUMN {qi(t.name)}.{qi(c.name)} IS {lit(c.comment)};")
    out.append("")
    for t in s.tables:
        for k in t.constraints:
            if k.kind == "f" or (k.kind == "c" and not k.valid):
                out.append(f"ALTER TABLE {qi(t.name)} ADD {constraint_sql(k)}{'' if k.valid else ' NOT VALID'};")
    for q in s.sequences:
        if q.owned_by and q.name not in serial_seqs:
            out.append(f"ALTER SEQUENCE {qi(q.name)} OWNED BY {qi(q.owned_by[0])}.{qi(q.owned_by[1])};")
    for v in s.views:
        out.append(view_sql(v))
    return "\n".join(out).strip() + "\n"


def generate_pair(pair_seed):
    g = Gen(random.Random(pair_seed))
    source = gen_source(g)
    target = copy.deepcopy(source)
    applied = mutate(g, target)
    header = "-- fuzz pair, mutations: " + ", ".join(applied) + "\n"
    return schema_sql(source), header + schema_sql(target)


# ---------------------------------------------------------------------------------------------
# Round trip

class InvalidPair(Exception):
    pass


LOST_SERVER = re.compile(r"server closed the connection unexpectedly|connection to server .* failed|"
                         r"terminating connection because of crash|no connection to the server|"
                         r"the database system is (in recovery mode|not yet accepting connections)")
PER_COLUMN = re.compile(r"ALTER TABLE ONLY (.*) ALTER COLUMN .* SET (STATISTICS|STORAGE|COMPRESSION) ")


def column_comments_sorted(lines):
    """pg_dump writes a table's column comments in column order: a run of them (each may take
    several lines, up to the one that ends its literal) is compared as a set."""
    out, i = [], 0
    while i < len(lines):
        if not lines[i].startswith("COMMENT ON COLUMN "):
            out.append(lines[i])
            i += 1
            continue
        entries = []
        while i < len(lines) and lines[i].startswith("COMMENT ON COLUMN "):
            entry = [lines[i]]
            while not entry[-1].endswith("';") and i + 1 < len(lines):
                i += 1
                entry.append(lines[i])
            entries.append(entry)
            i += 1
        out.extend(line for entry in sorted(entries) for line in entry)
    return out


def dump_lines(text, schema):
    """run.py's normalised_dump, and one more allowance for column order (the one difference
    run.py allows): pg_dump writes a table's SET STATISTICS, SET STORAGE and SET COMPRESSION lines, and its column
    comments, in column order, so a run of them is compared as a set too."""
    lines, out = column_comments_sorted(normalised_dump(text, schema, "source")), []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and PER_COLUMN.match(lines[j]) and \
                PER_COLUMN.match(lines[j]).group(1) == PER_COLUMN.match(lines[i]).group(1):
            j += 1
        if j > i:
            out.extend(sorted(lines[i:j]))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def check_pair(cluster, database, template, workdir, source_sql, target_sql, lock_safe=False):
    """Returns the plan's text; raises InvalidPair or CaseFailure (whose .plan is the plan).
    `lock_safe`: the plan is asked with lock_safe => true (every odd pair)."""
    asked = "unsafe => true, lock_safe => true" if lock_safe else "unsafe => true"
    cluster.psql("postgres", f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
    plan = ""
    try:
        for schema, text in (("source", source_sql), ("target", target_sql)):
            path = Path(workdir) / f"{schema}.sql"
            path.write_text(text)
            try:
                cluster.psql(database, file=path, search_path=schema, single_transaction=True)
            except CaseFailure as failure:
                raise InvalidPair(f"{schema}.sql does not load: {failure}") from None
        try:
            plan = cluster.psql(database, f"SELECT public.migra_diff_sql('source', 'target', {asked})").stdout
            full = cluster.psql(database, "SET migra.fingerprints = off;\n"
                                          f"SELECT public.migra_diff_sql('source', 'target', {asked})").stdout
            if full != plan:
                raise CaseFailure("the plan differs with migra.fingerprints = off (every table read in full):\n" + full)
            same_tables_read_by_both_readers(cluster, database, "public.migra_diff('source', 'target', unsafe => true)")
            # statement by statement, as \\gexec would, each row's lock and rewrite checked
            apply_observing(cluster, database, f"public.migra_diff('source', 'target', {asked})")
            rest = cluster.query(database, "SELECT string_agg(statement, E'\\n' ORDER BY ordinal) "
                                           "FROM public.migra_diff('source', 'target', unsafe => true)")
            if rest:
                steps = rest.splitlines()
                raise CaseFailure(f"a second diff is not empty ({len(steps) - 1} statements), first: "
                                  f"{steps[1] if len(steps) > 1 else steps[0]}\n{rest}")
            source_dump = dump_lines(cluster.dump_schema(database, "source"), "source")
            target_dump = dump_lines(cluster.dump_schema(database, "target"), "target")
            if source_dump != target_dump:
                diff = list(difflib.unified_diff(target_dump, source_dump, "target (renamed)", "source after plan",
                                                 lineterm="", n=1))
                first = next((line for line in diff[2:] if line[:1] in "+-"), "")
                raise CaseFailure(f"pg_dump differs, first: {first}\n" + "\n".join(diff[:60]))
        except CaseFailure as failure:
            failure.plan = plan
            raise
    finally:
        cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"', check=False)
    return plan


def check_pair_remote(cluster, control, server, workdir, source_sql, target_sql):
    """The same round trip through migra_diff_remote: the pair lives in schema "app" of two
    databases of `server` (any PostgreSQL version, nothing installed), and the diff runs from
    the `control` database of `cluster`, which has migra and dblink. Checks that the catalog
    query reads that version right."""
    dbs = ("migra_fuzz_a", "migra_fuzz_b")
    conn = {db: f"host={server.host} port={server.port} dbname={db} user=postgres" for db in dbs}
    plan = ""
    try:
        for db, text in zip(dbs, (source_sql, target_sql)):
            server.psql("postgres", f'DROP DATABASE IF EXISTS "{db}"')
            server.psql("postgres", f'CREATE DATABASE "{db}" TEMPLATE template0')
            server.psql(db, "CREATE SCHEMA app")
            path = Path(workdir) / f"{db}.sql"
            path.write_text(text)
            try:
                server.psql(db, file=path, search_path="app", single_transaction=True)
            except CaseFailure as failure:
                raise InvalidPair(f"{db} does not load on this server: {failure}") from None
        call = (f"public.migra_diff_remote({lit(conn[dbs[0]])}, {lit(conn[dbs[1]])}, "
                f"schemas => '{{app}}', unsafe => true)")
        diff = f"FROM {call} "
        try:
            plan = cluster.query(control, f"SELECT string_agg(statement, E'\n' ORDER BY ordinal) {diff}")
            full = cluster.query(control, "SET migra.fingerprints = off;\n"
                                          f"SELECT string_agg(statement, E'\n' ORDER BY ordinal) {diff}")
            if full != plan:
                raise CaseFailure("the plan differs with migra.fingerprints = off (every table read in full):\n" + full)
            # statement by statement on that server, each row's lock and rewrite checked there:
            # the lock modes the rows claim hold on every supported version
            apply_observing(server, dbs[0], call, search_path="app", rows_from=(cluster, control))
            rest = cluster.query(control, f"SELECT string_agg(statement, E'\n' ORDER BY ordinal) {diff}")
            if rest:
                raise CaseFailure(f"a second diff is not empty: {rest.splitlines()[1:2]}\n{rest}")
            dumps = [dump_lines(server.dump_schema(db, "app"), "app") for db in dbs]
            if dumps[0] != dumps[1]:
                lines = list(difflib.unified_diff(dumps[1], dumps[0], "target", "source after plan", lineterm="", n=1))
                first = next((line for line in lines[2:] if line[:1] in "+-"), "")
                raise CaseFailure(f"pg_dump differs, first: {first}\n" + "\n".join(lines[:60]))
        except CaseFailure as failure:
            failure.plan = plan
            raise
    finally:
        for db in dbs:
            server.psql("postgres", f'DROP DATABASE IF EXISTS "{db}"', check=False)
    return plan


def save_failure(seed, n, source_sql, target_sql, plan, reason):
    folder = FAILURES / f"seed-{seed}-{n}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "source.sql").write_text(source_sql)
    (folder / "target.sql").write_text(target_sql)
    (folder / "plan.sql").write_text(plan)
    (folder / "reason.txt").write_text(reason + "\n")
    return folder


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True, help="socket directory or host of the cluster")
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="", help="directory of psql and pg_dump")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=40, help="how many pairs")
    parser.add_argument("--keep-going", action="store_true", help="go on after a failure")
    parser.add_argument("--only", type=int, action="append", help="run only pair N (repeatable)")
    parser.add_argument("--print", action="store_true", help="print the pairs' SQL instead of running them")
    parser.add_argument("--server", metavar="HOST,PORT,BINDIR",
                        help="put each pair on this server (another version) and diff it with migra_diff_remote; "
                             "the plan is applied there statement by statement, each row's lock and rewrite "
                             "held to what the statement did on that version; pairs that use features the "
                             "server lacks are skipped")
    args = parser.parse_args()

    master = random.Random(args.seed)
    pair_seeds = [master.getrandbits(64) for _ in range(max(args.count, *(args.only or [0])) + 1)]
    chosen = args.only if args.only else range(1, args.count + 1)

    if args.print:
        for n in chosen:
            source_sql, target_sql = generate_pair(pair_seeds[n])
            print(f"-- pair {n}: source\n{source_sql}\n-- pair {n}: target\n{target_sql}")
        return

    cluster = Cluster(args.host, args.port, args.bindir)
    server = Cluster(*args.server.split(",", 2)) if args.server else None
    # the server the pairs go into: another one, or the test cluster itself (of any version)
    holder = server or cluster
    version = int(holder.query("postgres", "SHOW server_version_num"))
    global PG15_FEATURES, PG14_FEATURES, ICU
    PG15_FEATURES, PG14_FEATURES = version >= 150000, version >= 140000
    # ICU's locales are imported as "<locale>-x-icu" only by a build with ICU (PostgreSQL 16+
    # has a "unicode" ICU collation even without, so the provider alone does not tell)
    ICU = holder.query("postgres", "SELECT count(*) FROM pg_collation WHERE collname LIKE '%-x-icu'").strip() != "0"
    template, database = f"migra_fuzz_template_{os.getpid()}", f"migra_fuzz_{os.getpid()}"
    cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{template}"')
    cluster.psql("postgres", f'CREATE DATABASE "{template}"')
    started = time.monotonic()
    passed, failed, invalid, skipped = 0, 0, 0, 0
    try:
        if server:
            cluster.psql(template, "CREATE EXTENSION dblink; CREATE EXTENSION migra;")
        else:
            cluster.psql(template, "CREATE EXTENSION migra; CREATE SCHEMA source; CREATE SCHEMA target;")
        with tempfile.TemporaryDirectory(prefix="migra_fuzz_") as workdir:
            for n in chosen:
                source_sql, target_sql = generate_pair(pair_seeds[n])
                try:
                    if server:
                        check_pair_remote(cluster, template, server, workdir, source_sql, target_sql)
                    else:
                        check_pair(cluster, database, template, workdir, source_sql, target_sql,
                                   lock_safe=n % 2 == 1)
                    passed += 1
                    print(f"ok {n}", flush=True)
                    continue
                except InvalidPair as bad:
                    if server:
                        # a feature this server lacks (NULLS NOT DISTINCT before 15, ...)
                        skipped += 1
                        print(f"skip {n}: {str(bad).splitlines()[0][:160]}", flush=True)
                        continue
                    invalid += 1
                    reason, plan = f"invalid pair (a bug of the generator): {bad}", ""
                except CaseFailure as failure:
                    reason, plan = str(failure), getattr(failure, "plan", "")
                failed += 1
                folder = save_failure(args.seed, n, source_sql, target_sql, plan, reason)
                print(f"FAIL {n}: {reason.splitlines()[0]}", flush=True)
                print(f"     written to {folder.relative_to(FAILURES.parent.parent)}/", file=sys.stderr, flush=True)
                if LOST_SERVER.search(reason):
                    # A backend crashed (the extension, or its .so replaced under the server) or the
                    # server went away: every later pair would fail the same way.
                    print("the server went away: stopping", file=sys.stderr, flush=True)
                    break
                if not args.keep_going:
                    break
    finally:
        cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"', check=False)
        cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{template}"', check=False)
    print(f"{passed + failed} pairs in {time.monotonic() - started:.1f} s", file=sys.stderr)
    if invalid:
        print(f"{invalid} invalid (of the failed): pairs that do not load, a bug of the generator")
    if skipped:
        print(f"{skipped} skipped: pairs that do not load on that server")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
