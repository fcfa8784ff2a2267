SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

CREATE OR REPLACE FUNCTION "source"."clamp"(v integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$ select greatest(least(v, 100), 0) $function$;
