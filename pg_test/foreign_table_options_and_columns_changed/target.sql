-- A foreign table changed in place: its OPTIONS (one set, one dropped, one added, and their
-- order, which pg_dump keeps), its columns (added, dropped, retyped without USING, a default,
-- NOT NULL, their own OPTIONS) and a CHECK.
CREATE EXTENSION IF NOT EXISTS postgres_fdw SCHEMA public;
CREATE SERVER IF NOT EXISTS loopback FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'postgres');

CREATE FOREIGN TABLE items (
    id integer OPTIONS (column_name 'id') NOT NULL,
    name varchar(100) DEFAULT 'unnamed',
    price numeric OPTIONS (column_name 'cost'),
    added_on date OPTIONS (column_name 'added'),
    CONSTRAINT price_positive CHECK (price > 0)
) SERVER loopback OPTIONS (schema_name 'shop', table_name 'items');

CREATE FOREIGN TABLE kept (
    id integer OPTIONS (column_name 'ident')
) SERVER loopback OPTIONS (schema_name 'b', table_name 'kept', use_remote_estimate 'true');
