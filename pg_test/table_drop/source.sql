-- Source has a table (with index and serial) that the target lacks, plus a kept table.
create table kept (
    id integer primary key,
    name text
);

create table obsolete (
    id serial primary key,
    label varchar(20) not null,
    kept_id integer references kept (id)
);

create index obsolete_label_idx on obsolete (label);
