-- Column defaults: added, changed, dropped, and a default changed together with a type change.
create table settings (
    id integer primary key,
    gains_default integer default 42,
    changes_default text default 'new',
    loses_default boolean,
    retyped text default 'zero',
    expr_default timestamptz default (now() + interval '1 day'),
    keeps_default numeric(5,2) default 1.50
);
