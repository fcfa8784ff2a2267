-- Target adds a table with many column types, defaults and NOT NULL; an existing table is kept.
create table existing (
    id integer primary key
);
