-- Source has two tables referencing each other (an FK cycle) that the target drops, plus a kept table referenced by one of them.
create table kept (
    id integer primary key,
    name text
);

create table cyc_a (
    id integer primary key,
    b_id integer,
    kept_id integer references kept (id)
);

create table cyc_b (
    id integer primary key,
    a_id integer references cyc_a (id)
);

alter table cyc_a add constraint cyc_a_b_id_fkey foreign key (b_id) references cyc_b (id);

create table self_ref (
    id integer primary key,
    parent_id integer references self_ref (id)
);
