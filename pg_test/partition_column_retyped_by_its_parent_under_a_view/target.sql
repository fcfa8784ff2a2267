-- A view reads a partition's column; the parent's ALTER TYPE reaches the partition (PostgreSQL
-- carries it down), so the view goes before and comes back after.
CREATE TABLE t (a integer, b bigint) PARTITION BY RANGE (a);
CREATE TABLE p PARTITION OF t FOR VALUES FROM (0) TO (10);
CREATE TABLE q PARTITION OF t FOR VALUES FROM (10) TO (20) PARTITION BY LIST (a);
CREATE TABLE q1 PARTITION OF q FOR VALUES IN (10, 11);
CREATE VIEW v AS SELECT b FROM p;
CREATE VIEW w AS SELECT a, b FROM q1;
