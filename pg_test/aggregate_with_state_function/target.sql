create function add_sq(acc bigint, v integer) returns bigint language sql immutable strict return acc + v * v;
create function halve(acc bigint) returns numeric language sql immutable strict return acc / 2.0;
create aggregate sum_sq(integer) (sfunc = add_sq, stype = bigint, initcond = '0', finalfunc = halve, parallel = safe);
create aggregate max_sq(integer) (sfunc = add_sq, stype = bigint, initcond = '0');
create view stats as select sum_sq(x) from generate_series(1, 3) x;
