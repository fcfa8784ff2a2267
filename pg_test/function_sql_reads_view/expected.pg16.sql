SET search_path TO pg_catalog, "source";

CREATE VIEW "source"."recent" AS
SELECT id
   FROM t
  WHERE (id > 10);

CREATE FUNCTION "source"."recent_count"()
 RETURNS bigint
 LANGUAGE sql
 STABLE
AS $function$ select count(*) from recent $function$;
