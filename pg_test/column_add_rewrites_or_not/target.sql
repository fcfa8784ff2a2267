-- ADD COLUMN writes the table out again only when each row gets a value of its own: a volatile
-- default, an identity, a stored generated column. A constant or stable default is stored once.
create table events (
    id integer,
    label text default 'none',                        -- constant: no rewrite
    seen_at timestamptz default now(),                -- stable: no rewrite
    nonce double precision default random(),          -- volatile: rewrite
    stamp timestamptz default clock_timestamp(),      -- volatile: rewrite
    serial_no integer generated always as identity,   -- identity: rewrite
    doubled integer generated always as (id * 2) stored  -- stored generation: rewrite
);
