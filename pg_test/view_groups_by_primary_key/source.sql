create table t (id integer primary key, a text, b integer);
create view v as select id, a, max(b) from t group by id;
