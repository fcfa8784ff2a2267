-- Primary keys: added to an existing table, dropped, moved to other columns, PK with INCLUDE, a DEFERRABLE PK.
create table gains_pk (
    id integer not null,
    name text,
    constraint gains_pk_pkey primary key (id)
);

create table loses_pk (
    id integer not null,
    name text
);

create table pk_moves (
    a integer not null,
    b integer not null,
    c text,
    constraint pk_moves_pkey primary key (a, b)
);

create table pk_include (
    id integer not null,
    payload text,
    constraint pk_include_pkey primary key (id) include (payload)
);

create table pk_deferrable (
    id integer,
    constraint pk_deferrable_pkey primary key (id) deferrable initially deferred
);
