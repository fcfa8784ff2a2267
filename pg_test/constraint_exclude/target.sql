-- EXCLUDE USING gist (c WITH &&) on circle columns: one added, one dropped, one unchanged.
create table zones (
    id integer primary key,
    area circle not null
);

create table spots (
    id integer primary key,
    c circle,
    constraint spots_c_excl exclude using gist (c with &&) where (id > 0)
);

create table fixed_zones (
    id integer primary key,
    c circle,
    constraint fixed_zones_c_excl exclude using gist (c with &&)
);
