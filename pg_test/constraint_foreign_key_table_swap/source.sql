-- An existing table gains an FK to a newly created table, and loses an FK to a table the target drops.
create table old_vendors (
    id integer primary key
);

create table purchases (
    id integer primary key,
    vendor_id integer references old_vendors (id),
    supplier_id integer
);
