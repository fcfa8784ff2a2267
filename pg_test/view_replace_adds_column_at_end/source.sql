create table t (id integer, name text, note text);
create view v as select id, name from t;
create view w as select id from v;
