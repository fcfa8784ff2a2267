-- Source has a table (with index and serial) that the target lacks, plus a kept table.
create table kept (
    id integer primary key,
    name text
);
