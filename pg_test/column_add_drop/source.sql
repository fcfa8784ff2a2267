-- Columns added (at the end and in the middle of the column list) and dropped.
create table people (
    id integer primary key,
    first_name text not null,
    last_name text not null,
    obsolete_flag boolean default false
);

create table items (
    id integer primary key,
    legacy_code varchar(10),
    legacy_note text
);
