-- A sibling moves to another bound and a new partition takes its old one: the new partition
-- is created once the sibling is detached (fuzz.py seed 7 pair 8 created it first: 42P17).
CREATE TABLE t (id integer, k integer) PARTITION BY HASH (k);
CREATE TABLE moved PARTITION OF t FOR VALUES WITH (MODULUS 3, REMAINDER 2);
CREATE TABLE kept PARTITION OF t FOR VALUES WITH (MODULUS 3, REMAINDER 1);
