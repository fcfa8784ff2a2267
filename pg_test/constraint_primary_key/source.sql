-- Primary keys: added to an existing table, dropped, moved to other columns, PK with INCLUDE, a DEFERRABLE PK.
create table gains_pk (
    id integer not null,
    name text
);

create table loses_pk (
    id integer,
    name text,
    constraint loses_pk_pkey primary key (id)
);

create table pk_moves (
    a integer not null,
    b integer not null,
    c text,
    constraint pk_moves_pkey primary key (a)
);

create table pk_include (
    id integer not null,
    payload text
);

create table pk_deferrable (
    id integer primary key
);
