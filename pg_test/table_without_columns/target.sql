-- Tables without columns: one created empty in target, one gains its first column, one loses its only column.
create table gains_first_column (
    first_col text not null default 'x'
);

create table loses_only_column ();

create table stays_empty ();

create table brand_new_empty ();
