create table t (id integer, amount bigint);
create function total() returns numeric language sql stable begin atomic select sum(amount) from t; end;
create function first_id() returns integer language sql stable return (select min(id) from t);
