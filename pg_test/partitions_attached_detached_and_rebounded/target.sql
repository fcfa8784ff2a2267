-- A partitioned table stays: a partition's bounds change (detached and attached again), a list
-- partition is detached and stays a table of its own, a plain table becomes a partition; the
-- parent gains a column, an index and a default that every partition takes from it, and one
-- partition keeps a default of its own. Rows stay where they are.
create table orders (
    id integer not null,
    region text not null,
    placed_on date not null,
    status text default 'open',
    channel text,
    primary key (id, region)
) partition by list (region);

create table orders_eu partition of orders for values in ('de', 'fr', 'it');
create table orders_us partition of orders for values in ('us');
create table orders_legacy partition of orders (status default 'old') for values in ('xx');

create table orders_asia (
    id integer not null,
    region text not null,
    placed_on date not null,
    status text default 'new'
);
alter table orders_asia add constraint orders_asia_pkey primary key (id, region);

create table orders_latam partition of orders for values in ('br', 'ar');

create index orders_placed on orders (placed_on);
