SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

DROP PROCEDURE "source".old_one();

CREATE PROCEDURE "source"."write_twice"(IN m text)
 LANGUAGE plpgsql
AS $procedure$ begin call write(m); call write(m); end $procedure$;

CREATE OR REPLACE PROCEDURE "source"."write"(IN m text)
 LANGUAGE sql
AS $procedure$ insert into log values (upper(m)) $procedure$;
