create function next_code() returns text language plpgsql as $$ begin return 'C' || floor(random() * 1000)::text; end $$;
create function positive(v integer) returns boolean language sql immutable return v > 0;
create table codes (code text default next_code(), n integer check (positive(n)));
create table unrelated (id integer);
