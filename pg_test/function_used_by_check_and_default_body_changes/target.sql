create function clamp(v integer) returns integer language sql immutable as $$ select greatest(least(v, 100), 0) $$;
create table t (id integer, level integer default clamp(5) check (clamp(level) >= 0));
