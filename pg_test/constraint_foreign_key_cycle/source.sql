-- Target adds two new tables referencing each other (a.b_id -> b, b.a_id -> a) and a self-referencing table.
create table existing (
    id integer primary key
);
