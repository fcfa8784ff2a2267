-- A column added NOT NULL with nothing to fill it fails on a table that holds rows: the row
-- says so (fails_on_existing_rows); this table is empty, so the plan applies.
create table accounts (id integer primary key, email text not null, plan text not null default 'free');
