-- Tablespaces (run.py makes migra_space, in place, for every case; a plan never makes one).
-- Here everything is in the database's default, but one table and its key, which come back.
CREATE TABLE moved (id int PRIMARY KEY, note text);
CREATE INDEX moved_note ON moved (note) WHERE note IS NOT NULL;

CREATE TABLE back (id int, CONSTRAINT back_pkey PRIMARY KEY (id) USING INDEX TABLESPACE migra_space)
  TABLESPACE migra_space;

CREATE TABLE measurements (at date NOT NULL, v int) PARTITION BY RANGE (at);
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE MATERIALIZED VIEW totals AS SELECT count(*) AS n FROM moved;
