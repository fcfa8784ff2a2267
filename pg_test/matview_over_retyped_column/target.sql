create table t (id integer, amount bigint);
create materialized view mv as select id, amount from t;
create index mv_amount on mv (amount);
create view over_mv as select id from mv;
