create table t (id integer);
create view recent as select id from t where id > 10;
create function recent_count() returns bigint language sql stable as $$ select count(*) from recent $$;
