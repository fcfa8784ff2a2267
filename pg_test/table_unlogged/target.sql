-- One table goes logged -> unlogged, another unlogged -> logged, one stays unlogged.
create unlogged table becomes_unlogged (
    id integer primary key,
    data text
);

create table becomes_logged (
    id integer primary key,
    data text
);

create unlogged table stays_unlogged (
    id integer
);
