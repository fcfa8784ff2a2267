create table log (msg text);
create procedure write(m text) language sql as $$ insert into log values (upper(m)) $$;
create procedure write_twice(m text) language plpgsql as $$ begin call write(m); call write(m); end $$;
