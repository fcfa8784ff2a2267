-- A foreign key to columns with two unique indexes: PostgreSQL picks the one it relies on, so that is not compared.
CREATE TABLE a (id integer PRIMARY KEY);
CREATE TABLE b (a_id integer REFERENCES a (id));
