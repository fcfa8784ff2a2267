-- A table made again under another partition key has a foreign key to a primary key the plan
-- makes again: its DROP TABLE (which takes the foreign key along) goes before the key's drop.
CREATE TABLE r (id integer PRIMARY KEY, x integer);
CREATE TABLE t (a integer, b integer, CONSTRAINT t_b_fk FOREIGN KEY (b) REFERENCES r (id));
