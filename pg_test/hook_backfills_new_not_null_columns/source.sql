-- two NOT NULL columns added to a table with rows, each filled by the caller's hook between its
-- ADD and its SET NOT NULL; and a table archived by a hook before it is dropped
create table orders (id integer primary key, amount numeric(10, 2) not null);
insert into orders values (1, 12.50), (2, 0), (3, 7.25);
create table legacy_orders (id integer, amount numeric(10, 2));
insert into legacy_orders values (100, 1.00), (101, 2.00);
create table orders_archive (id integer, amount numeric(10, 2));
