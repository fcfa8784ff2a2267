SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- hazards: authz_change
CREATE OR REPLACE FUNCTION "source"."f"(a integer)
 RETURNS integer
 LANGUAGE plpgsql
 STABLE PARALLEL SAFE STRICT SECURITY DEFINER LEAKPROOF COST 5
 SET search_path TO 'pg_catalog'
AS $function$ begin return a; end $function$;

CREATE OR REPLACE FUNCTION "source"."g"()
 RETURNS SETOF integer
 LANGUAGE sql
 ROWS 42
AS $function$ select 1 $function$;
