SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

CREATE FUNCTION "source"."limit_of"()
 RETURNS integer
 LANGUAGE plpgsql
 STABLE
AS $function$ begin return (select count(*) from limited); end $function$;

CREATE VIEW "source"."limited" AS
SELECT t.id
   FROM t
  WHERE (t.id < limit_of());
