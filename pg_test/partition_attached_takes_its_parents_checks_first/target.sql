-- ATTACH PARTITION wants the table to have the parent's CHECKs (a grandparent's too): they are
-- added to it first, and ATTACH makes them the parent's.
CREATE TABLE t (a integer, b text, CONSTRAINT ck CHECK (a > 0)) PARTITION BY RANGE (a);
CREATE TABLE p PARTITION OF t FOR VALUES FROM (0) TO (10) PARTITION BY LIST (b);
ALTER TABLE p ADD CONSTRAINT pck CHECK (b <> '');
CREATE TABLE x PARTITION OF t FOR VALUES FROM (10) TO (20);
CREATE TABLE y PARTITION OF p FOR VALUES IN ('y');
