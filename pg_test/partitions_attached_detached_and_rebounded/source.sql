-- A partitioned table stays: a partition's bounds change (detached and attached again), a list
-- partition is detached and stays a table of its own, a plain table becomes a partition; the
-- parent gains a column, an index and a default that every partition takes from it, and one
-- partition keeps a default of its own. Rows stay where they are.
create table orders (
    id integer not null,
    region text not null,
    placed_on date not null,
    status text default 'new',
    primary key (id, region)
) partition by list (region);

create table orders_eu partition of orders for values in ('de', 'fr');
create table orders_us partition of orders for values in ('us');
create table orders_asia partition of orders for values in ('jp', 'kr');
create table orders_legacy partition of orders (status default 'old') for values in ('xx');

create table orders_latam (
    id integer not null,
    region text not null,
    placed_on date not null,
    status text default 'new'
);

insert into orders values (1, 'de', '2024-01-01'), (2, 'us', '2024-01-02'), (3, 'jp', '2024-01-03');
insert into orders_latam values (4, 'br', '2024-01-04');
