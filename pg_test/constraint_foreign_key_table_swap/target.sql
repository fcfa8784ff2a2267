-- An existing table gains an FK to a newly created table, and loses an FK to a table the target drops.
create table suppliers (
    id integer primary key,
    name text not null
);

create table purchases (
    id integer primary key,
    vendor_id integer,
    supplier_id integer references suppliers (id) on delete restrict
);
