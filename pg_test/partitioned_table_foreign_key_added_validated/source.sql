-- A foreign key added to a partitioned table that is there before: PostgreSQL (before 18)
-- refuses NOT VALID on a partitioned table, so it is added validated, not validated apart.
CREATE TABLE r (id integer PRIMARY KEY);
CREATE TABLE t (a integer, b integer) PARTITION BY RANGE (a);
CREATE TABLE p PARTITION OF t FOR VALUES FROM (0) TO (10);
