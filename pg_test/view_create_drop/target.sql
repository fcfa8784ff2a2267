create table t (id integer, name text);
create view "New Names" as select name, id from t where id > 0;
