-- A column added to the top of a tree reaches the sub-partitions through their parent: none
-- of them gets an ADD COLUMN of its own (PostgreSQL refuses it on a partition).
CREATE TABLE t (a integer, b integer, c text DEFAULT 'x', d integer) PARTITION BY RANGE (a);
CREATE TABLE p PARTITION OF t FOR VALUES FROM (0) TO (10) PARTITION BY HASH (b);
CREATE TABLE p1 PARTITION OF p FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE p2 PARTITION OF p FOR VALUES WITH (MODULUS 2, REMAINDER 1);
ALTER TABLE p2 ALTER COLUMN c SET DEFAULT 'y';
CREATE TABLE q PARTITION OF t FOR VALUES FROM (10) TO (20);
