-- Stored generated columns: expression changes, generated becomes plain, plain becomes generated, new generated column.
create table shapes (
    id integer primary key,
    width numeric not null,
    height numeric not null,
    area numeric generated always as (round(width * height, 2)) stored,
    label text,
    perimeter numeric generated always as (2 * (width + height)) stored,
    is_square boolean generated always as (width = height) stored
);
