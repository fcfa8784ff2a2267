-- A plain unique index becomes a UNIQUE constraint of the same name, and a UNIQUE constraint becomes a plain unique index.
create table codes (
    id integer primary key,
    a text,
    b text
);

alter table codes add constraint codes_a_key unique (a);

create unique index codes_b_key on codes (b);
