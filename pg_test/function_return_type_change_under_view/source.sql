create function score(n integer) returns integer language sql immutable return n * 2;
create view scores as select score(x) as s from generate_series(1, 3) x;
create view top_scores as select s from scores where s > 2;
