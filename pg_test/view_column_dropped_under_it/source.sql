create table t (id integer, legacy text, name text);
create view v as select id, legacy, name from t;
