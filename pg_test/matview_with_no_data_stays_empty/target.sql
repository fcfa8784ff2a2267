create table t (id integer);
create materialized view empty_one as select id, id * 2 as twice from t with no data;
create materialized view full_one as select id, 1 as one from t;
create materialized view to_fill as select id from t;
