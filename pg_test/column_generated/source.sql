-- Stored generated columns: expression changes, generated becomes plain, plain becomes generated, new generated column.
create table shapes (
    id integer primary key,
    width numeric not null,
    height numeric not null,
    area numeric generated always as (width * height) stored,
    label text generated always as ('shape ' || id::text) stored,
    perimeter numeric
);
