-- A range type made again: the partitioned table's column moves over to it, and the partitions'
-- with it (PostgreSQL refuses ALTER TYPE on a partition's inherited column alone).
CREATE TYPE r AS RANGE (subtype = integer);
CREATE TABLE t (a integer, b r) PARTITION BY RANGE (a);
CREATE TABLE p PARTITION OF t FOR VALUES FROM (0) TO (10);
CREATE TABLE c (x integer, b r);
CREATE TABLE d (y text) INHERITS (c);
