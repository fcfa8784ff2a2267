-- Indexes keeping their names while their definitions change (columns, uniqueness, predicate, method, parameters).
create table orders (
    id integer primary key,
    customer_id integer,
    status text,
    placed_at timestamptz,
    ref text
);

create index orders_lookup_idx on orders (customer_id, placed_at desc);
create unique index orders_ref_idx on orders (ref);
create index orders_open_idx on orders (placed_at) where status in ('open', 'pending');
create index orders_status_idx on orders (status);
create index orders_placed_idx on orders (placed_at) with (fillfactor = 70);
create index orders_unchanged_idx on orders (status, placed_at);
