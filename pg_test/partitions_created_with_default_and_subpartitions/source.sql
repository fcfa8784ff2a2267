-- Target adds a range-partitioned table: partitions by year, a default partition, one
-- partition sub-partitioned by list; a primary key and an index on the parent reach every
-- partition, a partition has a default and an index of its own.
create table existing (id integer primary key);
