CREATE TYPE e AS ENUM ('a');
CREATE TYPE ct AS (x integer, y e);
CREATE TABLE t (c ct);
INSERT INTO t VALUES (ROW(1, 'a'));
