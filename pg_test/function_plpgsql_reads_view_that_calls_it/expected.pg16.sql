SET search_path TO pg_catalog, "source";

CREATE FUNCTION "source"."limit_of"()
 RETURNS integer
 LANGUAGE plpgsql
 STABLE
AS $function$ begin return (select count(*) from limited); end $function$;

CREATE VIEW "source"."limited" AS
SELECT id
   FROM t
  WHERE (id < limit_of());
