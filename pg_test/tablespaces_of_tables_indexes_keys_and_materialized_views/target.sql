-- Tablespaces (run.py makes migra_space, in place, for every case; a plan never makes one).
-- Moved there: a table, its key's index, another index (with a predicate, which TABLESPACE
-- goes before), a partitioned table (where its new partitions go) and a materialized view;
-- moved back: a table and its key; made there: a table with a key and an EXCLUDE (before its
-- WHERE), an index and a partition.
CREATE TABLE moved (id int, note text, CONSTRAINT moved_pkey PRIMARY KEY (id) USING INDEX TABLESPACE migra_space)
  TABLESPACE migra_space;
CREATE INDEX moved_note ON moved (note) TABLESPACE migra_space WHERE note IS NOT NULL;

CREATE TABLE back (id int PRIMARY KEY);

CREATE TABLE measurements (at date NOT NULL, v int) PARTITION BY RANGE (at) TABLESPACE migra_space;
-- made before the parent moved, it stayed in the default
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
  TABLESPACE pg_default;
CREATE TABLE measurements_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
-- new, and in the default although its parent names a tablespace: the plan says pg_default
CREATE TABLE measurements_2027 PARTITION OF measurements FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')
  TABLESPACE pg_default;

CREATE MATERIALIZED VIEW totals TABLESPACE migra_space AS SELECT count(*) AS n FROM moved;

CREATE TABLE bookings (
    id int,
    during tstzrange,
    CONSTRAINT bookings_pkey PRIMARY KEY (id) USING INDEX TABLESPACE migra_space,
    CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&) WITH (fillfactor = 80)
      USING INDEX TABLESPACE migra_space WHERE (id > 0) DEFERRABLE
) TABLESPACE migra_space;
CREATE INDEX bookings_late ON bookings (id) INCLUDE (during) WITH (fillfactor = 70) TABLESPACE migra_space
  WHERE id > 10;
