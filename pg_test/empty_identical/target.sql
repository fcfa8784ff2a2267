-- Source and target are identical: tables with PK, FK, index and serial; the plan must be empty.
create table customers (
    id serial primary key,
    email text not null unique,
    created_at timestamptz not null default now()
);

create table orders (
    id bigserial primary key,
    customer_id integer not null references customers (id) on delete cascade,
    total numeric(10,2) not null default 0 check (total >= 0),
    note text
);

create index orders_customer_id_idx on orders (customer_id);
