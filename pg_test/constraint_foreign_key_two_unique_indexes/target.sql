-- A foreign key to columns with two unique indexes: PostgreSQL picks the one it relies on, so that is not compared.
CREATE TABLE a (id integer, CONSTRAINT a_nnd UNIQUE NULLS NOT DISTINCT (id));
ALTER TABLE a ADD CONSTRAINT a_pkey PRIMARY KEY (id);
CREATE TABLE b (a_id integer REFERENCES a (id));
