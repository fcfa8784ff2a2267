SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

CREATE VIEW "source"."recent" AS
SELECT t.id
   FROM t
  WHERE (t.id > 10);

CREATE FUNCTION "source"."recent_count"()
 RETURNS bigint
 LANGUAGE sql
 STABLE
AS $function$ select count(*) from recent $function$;
