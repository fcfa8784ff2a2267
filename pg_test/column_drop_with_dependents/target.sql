-- Columns dropped together with what depends on them: an index, a CHECK, a UNIQUE, an FK from another table, and an FK column.
create table categories (
    id integer primary key,
    name text
);

create table articles (
    id integer primary key,
    title text,
    category_id integer references categories (id)
);
