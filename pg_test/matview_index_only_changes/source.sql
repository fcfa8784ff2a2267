create table t (id integer, name text);
create materialized view mv as select id, name from t;
create index mv_name on mv (name);
