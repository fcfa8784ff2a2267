-- A foreign table on a postgres_fdw server, made where there was none, with what hangs on it (a
-- view, a comment, a grant); and one dropped. The extension and its server are the database's,
-- shared by both schemas: IF NOT EXISTS, so that either side may come first.
CREATE EXTENSION IF NOT EXISTS postgres_fdw SCHEMA public;
CREATE SERVER IF NOT EXISTS loopback FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'postgres', port '5432');

CREATE TABLE local_orders (id integer PRIMARY KEY, note text);

CREATE FOREIGN TABLE retired (id integer) SERVER loopback OPTIONS (table_name 'retired');
