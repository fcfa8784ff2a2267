create function twice(w integer) returns integer language sql immutable return w * 2;
create table t (a integer, g integer generated always as (twice(a)) stored);
create index t_g on t (g);
create view big as select a from t where g > 10;
