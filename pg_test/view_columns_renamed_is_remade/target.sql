create table t (id integer, name text);
create view v as select id as key, name from t;
create view w as select name from v;
