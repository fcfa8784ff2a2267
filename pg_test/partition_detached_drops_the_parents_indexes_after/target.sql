-- A partition detached into a plain table that has none of its parent's indexes: their copies
-- on it go once it is detached (a lock-safe plan's DROP INDEX CONCURRENTLY, at its start,
-- would come before), and a partition's own index the plain table keeps.
CREATE TABLE t (a integer, b text, c integer) PARTITION BY RANGE (a);
CREATE INDEX t_b ON t (b);
CREATE INDEX t_c ON t (c) WHERE c IS NOT NULL;
CREATE TABLE p (a integer, b text, c integer);
CREATE INDEX p_own ON p (a, c);
CREATE TABLE q PARTITION OF t FOR VALUES FROM (10) TO (20);
