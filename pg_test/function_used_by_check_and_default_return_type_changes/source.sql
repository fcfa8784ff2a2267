create function clamp(v integer) returns integer language sql immutable as $$ select least(v, 100) $$;
create table t (id integer, level integer default clamp(5) check (clamp(level) >= 0));
create index t_clamp on t (clamp(id));
