-- A foreign table on a postgres_fdw server, made where there was none, with what hangs on it (a
-- view, a comment, a grant); and one dropped. The extension and its server are the database's,
-- shared by both schemas: IF NOT EXISTS, so that either side may come first.
CREATE EXTENSION IF NOT EXISTS postgres_fdw SCHEMA public;
CREATE SERVER IF NOT EXISTS loopback FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'postgres', port '5432');

CREATE TABLE local_orders (id integer PRIMARY KEY, note text);

CREATE FOREIGN TABLE remote_orders (
    id integer OPTIONS (column_name 'order_id') NOT NULL,
    note text COLLATE "C" DEFAULT 'none',
    amount numeric(10,2),
    CONSTRAINT amount_positive CHECK (amount > 0)
) SERVER loopback OPTIONS (schema_name 'public', table_name 'orders');

COMMENT ON FOREIGN TABLE remote_orders IS 'orders, on the other server';
COMMENT ON COLUMN remote_orders.amount IS 'in euros';

CREATE VIEW remote_total AS SELECT sum(amount) AS total FROM remote_orders;

GRANT SELECT ON remote_orders TO PUBLIC;
