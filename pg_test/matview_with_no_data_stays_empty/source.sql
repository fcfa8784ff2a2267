create table t (id integer);
create materialized view empty_one as select id from t with no data;
create materialized view full_one as select id from t;
create materialized view to_fill as select id from t with no data;
