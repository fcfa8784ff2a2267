create function f(a integer) returns integer language plpgsql strict stable security definer leakproof parallel safe cost 5
  set search_path = pg_catalog as $$ begin return a; end $$;
create function g() returns setof integer language sql rows 42 as $$ select 1 $$;
