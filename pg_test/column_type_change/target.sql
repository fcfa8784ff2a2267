-- Column type changes: int->bigint, varchar(10)->varchar(20), text->varchar(10), numeric(10,2)->numeric(12,4), int[]->bigint[], integer->text.
create table conversions (
    id bigint primary key,
    counter bigint not null,
    short_name varchar(20),
    description varchar(10),
    price numeric(12,4),
    ids bigint[],
    code text,
    stamp timestamptz(3),
    flag integer
);
