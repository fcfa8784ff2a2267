-- Columns dropped together with what depends on them: an index, a CHECK, a UNIQUE, an FK from another table, and an FK column.
create table categories (
    id integer primary key,
    legacy_code text,
    name text,
    old_rank integer,
    constraint categories_legacy_code_key unique (legacy_code),
    constraint categories_old_rank_check check (old_rank > 0)
);

create index categories_old_rank_idx on categories (old_rank, name);

create table articles (
    id integer primary key,
    title text,
    category_code text,
    constraint articles_category_code_fkey foreign key (category_code) references categories (legacy_code)
);
