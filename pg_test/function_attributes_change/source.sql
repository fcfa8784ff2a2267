create function f(a integer) returns integer language plpgsql as $$ begin return a; end $$;
create function g() returns setof integer language sql as $$ select 1 $$;
