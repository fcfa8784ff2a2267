-- Tables without columns: one created empty in target, one gains its first column, one loses its only column.
create table gains_first_column ();

create table loses_only_column (
    only_col integer
);

create table stays_empty ();
