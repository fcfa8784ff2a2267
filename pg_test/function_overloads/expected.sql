SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

DROP FUNCTION "source".area(s text);

CREATE FUNCTION "source"."area"(w integer, h integer, d integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
RETURN ((w * h) * d);

CREATE OR REPLACE FUNCTION "source"."area"(r double precision)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE
RETURN (((3.14159)::double precision * r) * r);
