-- Columns added (at the end and in the middle of the column list) and dropped.
create table people (
    id integer primary key,
    first_name text not null,
    middle_name text,
    last_name text not null,
    birth_date date,
    email varchar(255) not null default ''
);

create table items (
    id integer primary key,
    price numeric(8,2) default 0 not null,
    tags text[]
);
