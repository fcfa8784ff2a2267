-- Target adds two new tables referencing each other (a.b_id -> b, b.a_id -> a) and a self-referencing table.
create table existing (
    id integer primary key
);

create table a (
    id integer primary key,
    b_id integer
);

create table b (
    id integer primary key,
    a_id integer references a (id)
);

alter table a add constraint a_b_id_fkey foreign key (b_id) references b (id);

create table tree_nodes (
    id integer primary key,
    parent_id integer references tree_nodes (id) on delete cascade,
    existing_id integer references existing (id)
);
