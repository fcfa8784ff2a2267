-- Column type changes: int->bigint, varchar(10)->varchar(20), text->varchar(10), numeric(10,2)->numeric(12,4), int[]->bigint[], integer->text.
create table conversions (
    id integer primary key,
    counter integer not null,
    short_name varchar(10),
    description text,
    price numeric(10,2),
    ids int[],
    code integer,
    stamp timestamp,
    flag smallint
);
