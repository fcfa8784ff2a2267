SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

CREATE FUNCTION "source"."next_code"()
 RETURNS text
 LANGUAGE plpgsql
AS $function$ begin return 'C' || floor(random() * 1000)::text; end $function$;

CREATE FUNCTION "source"."positive"(v integer)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
RETURN (v > 0);

CREATE TABLE "source"."codes" (
    "code" text DEFAULT next_code(),
    "n" integer
);

-- lock: ACCESS EXCLUSIVE on source.codes
ALTER TABLE "source"."codes" ADD CONSTRAINT "codes_n_check" CHECK (positive(n));
