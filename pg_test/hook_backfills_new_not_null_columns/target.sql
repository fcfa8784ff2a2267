create table orders (
    id integer primary key,
    amount numeric(10, 2) not null,
    amount_cents bigint not null,
    status text not null check (status in ('new', 'paid'))
);
create table orders_archive (id integer, amount numeric(10, 2));
