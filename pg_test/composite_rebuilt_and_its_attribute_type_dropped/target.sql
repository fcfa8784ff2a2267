CREATE TYPE ct AS (x integer);
CREATE TABLE t (c ct);
