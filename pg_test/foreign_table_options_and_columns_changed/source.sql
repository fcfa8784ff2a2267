-- A foreign table changed in place: its OPTIONS (one set, one dropped, one added, and their
-- order, which pg_dump keeps), its columns (added, dropped, retyped without USING, a default,
-- NOT NULL, their own OPTIONS) and a CHECK.
CREATE EXTENSION IF NOT EXISTS postgres_fdw SCHEMA public;
CREATE SERVER IF NOT EXISTS loopback FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'postgres');

CREATE FOREIGN TABLE items (
    id integer OPTIONS (column_name 'item_id'),
    name text,
    legacy integer,
    price numeric
) SERVER loopback OPTIONS (table_name 'items', fetch_size '100');

CREATE FOREIGN TABLE kept (
    id integer OPTIONS (column_name 'id')
) SERVER loopback OPTIONS (schema_name 'a', table_name 'kept');
