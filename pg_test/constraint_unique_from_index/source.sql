-- A plain unique index becomes a UNIQUE constraint of the same name, and a UNIQUE constraint becomes a plain unique index.
create table codes (
    id integer primary key,
    a text,
    b text
);

create unique index codes_a_key on codes (a);

alter table codes add constraint codes_b_key unique (b);
