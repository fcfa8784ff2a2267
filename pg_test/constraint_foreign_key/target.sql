-- Foreign keys: added with ON DELETE CASCADE ON UPDATE SET NULL, MATCH FULL, DEFERRABLE INITIALLY DEFERRED; action changed; dropped.
create table authors (
    id integer primary key,
    name text
);

create table regions (
    country text not null,
    code text not null,
    primary key (country, code)
);

create table books (
    id integer primary key,
    author_id integer,
    editor_id integer,
    reviewer_id integer,
    country text,
    region_code text,
    translator_id integer,
    constraint books_author_id_fkey foreign key (author_id) references authors (id) on delete cascade on update set null,
    constraint books_editor_id_fkey foreign key (editor_id) references authors (id) on delete restrict on update cascade,
    constraint books_region_fkey foreign key (country, region_code) references regions (country, code) match full,
    constraint books_reviewer_id_fkey foreign key (reviewer_id) references authors (id) deferrable initially deferred
);
