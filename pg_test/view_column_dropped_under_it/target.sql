create table t (id integer, name text);
create view v as select id, name from t;
