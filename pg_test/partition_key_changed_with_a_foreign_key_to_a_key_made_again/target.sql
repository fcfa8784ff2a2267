-- A table made again under another partition key has a foreign key to a primary key the plan
-- makes again: its DROP TABLE (which takes the foreign key along) goes before the key's drop.
CREATE TABLE r (id integer, x integer, PRIMARY KEY (id, x));
CREATE TABLE t (a integer, b integer) PARTITION BY LIST (a);
CREATE TABLE t1 PARTITION OF t FOR VALUES IN (1);
