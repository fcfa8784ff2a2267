-- FKs reference unique keys whose definitions change (UNIQUE gains NULLS NOT DISTINCT, UNIQUE gains fillfactor, UNIQUE replaced by PK) while the FKs are unchanged.
create table parents (
    id integer not null,
    code text not null,
    constraint parents_code_key unique nulls not distinct (code)
);

create table children (
    id integer primary key,
    parent_code text,
    constraint children_parent_code_fkey foreign key (parent_code) references parents (code)
);

create table shelves (
    id integer not null,
    label text not null,
    constraint shelves_label_key unique (label) with (fillfactor = 70)
);

create table boxes (
    id integer primary key,
    shelf_label text,
    constraint boxes_shelf_label_fkey foreign key (shelf_label) references shelves (label) on delete cascade
);

create table owners (
    id integer not null,
    constraint owners_pkey primary key (id)
);

create table pets (
    id integer primary key,
    owner_id integer,
    constraint pets_owner_id_fkey foreign key (owner_id) references owners (id)
);
