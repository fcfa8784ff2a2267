-- The partitioned table's foreign key is made again (the key it references changes type) and
-- a partition is dropped: the partition's clone of the key goes with its DROP TABLE (it cannot
-- be dropped on its own).
CREATE TABLE r (id bigint PRIMARY KEY);
CREATE TABLE t (a integer, b bigint, CONSTRAINT t_b_fk FOREIGN KEY (b) REFERENCES r (id)) PARTITION BY RANGE (a);
CREATE TABLE p PARTITION OF t FOR VALUES FROM (0) TO (10);
