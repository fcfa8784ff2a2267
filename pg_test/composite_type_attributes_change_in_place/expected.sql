SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- hazards: breaks_dependents
DROP FUNCTION "source".city_of(a address);

CREATE TYPE "source"."point3" AS ("x" double precision, "y" double precision, "z" double precision);

ALTER TYPE "source"."address" ALTER ATTRIBUTE "city" TYPE text COLLATE "C";

ALTER TYPE "source"."address" ALTER ATTRIBUTE "zip" TYPE text;

ALTER TYPE "source"."address" ADD ATTRIBUTE "country" text;

CREATE FUNCTION "source"."city_of"(a address)
 RETURNS text
 LANGUAGE sql
AS $function$SELECT a.city$function$;

DROP TYPE "source"."gone";
