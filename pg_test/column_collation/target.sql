-- Collations: a text column gains COLLATE "C", another changes "C" -> "POSIX", one drops its collation, a new column with a collation.
create table labels (
    id integer primary key,
    plain_to_c text collate "C",
    c_to_posix text collate "POSIX",
    c_to_default varchar(40),
    unchanged text collate "POSIX",
    new_sorted text collate "C" not null default ''
);
