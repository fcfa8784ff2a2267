create table t (id integer);
create function limit_of() returns integer language plpgsql stable as $$ begin return (select count(*) from limited); end $$;
create view limited as select id from t where id < limit_of();
