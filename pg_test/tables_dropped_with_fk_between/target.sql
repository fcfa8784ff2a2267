-- Source has two tables referencing each other (an FK cycle) that the target drops, plus a kept table referenced by one of them.
create table kept (
    id integer primary key,
    name text
);
