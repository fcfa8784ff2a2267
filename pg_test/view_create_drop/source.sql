create table t (id integer, name text);
create view old_names as select name from t;
