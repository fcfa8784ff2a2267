create table t (id integer, name text, note text);
create view v as select id, name, note from t where id > 0;
create view w as select id from v;
