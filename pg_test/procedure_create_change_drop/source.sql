create table log (msg text);
create procedure write(m text) language sql as $$ insert into log values (m) $$;
create procedure old_one() language plpgsql as $$ begin null; end $$;
