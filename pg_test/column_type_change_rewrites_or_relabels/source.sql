-- Type changes that PostgreSQL makes by relabelling (no table rewrite) and ones that convert
-- every value (the table is written out again): the row says which, and the runner checks it
-- against the table's relfilenode.
create domain plain_text as text;
create domain short_text as text check (length(value) < 100);
create table conversions (
    widened varchar(10),
    unbounded varchar(10),
    bounded text,
    narrowed varchar(20),
    limited text,
    more_digits numeric(10,2),
    more_scale numeric(10,2),
    finer timestamp(3),
    coarser timestamp(6),
    wider integer,
    network cidr,
    collated text,
    labels varchar(10)[],
    in_plain_domain text,
    in_checked_domain text
);
insert into conversions values ('a', 'b', 'c', 'd', 'e', 1.5, 2.5, now(), now(), 7, '10.0.0.0/8',
                                'f', '{g}', 'h', 'i');
