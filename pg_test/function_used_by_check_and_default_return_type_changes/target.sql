create function clamp(v integer) returns bigint language sql immutable as $$ select least(v, 100)::bigint $$;
create table t (id integer, level integer default clamp(5) check (clamp(level) >= 0));
create index t_clamp on t (clamp(id));
