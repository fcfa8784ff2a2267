create table t (id integer, name text);
create view v as select id, name from t;
create view w as select name from v;
