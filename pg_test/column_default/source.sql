-- Column defaults: added, changed, dropped, and a default changed together with a type change.
create table settings (
    id integer primary key,
    gains_default integer,
    changes_default text default 'old',
    loses_default boolean default false,
    retyped integer default 0,
    expr_default timestamptz default now(),
    keeps_default numeric(5,2) default 1.50
);
