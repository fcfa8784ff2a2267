SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- lock: ACCESS EXCLUSIVE on source.stats; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."stats";

-- hazards: breaks_dependents
DROP AGGREGATE "source".sum_sq(integer);

CREATE FUNCTION "source"."halve"(acc bigint)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE STRICT
RETURN ((acc)::numeric / 2.0);

CREATE AGGREGATE "source"."max_sq"(integer) (SFUNC = add_sq, STYPE = bigint, INITCOND = '0');

CREATE AGGREGATE "source"."sum_sq"(integer) (SFUNC = add_sq, STYPE = bigint, FINALFUNC = halve, FINALFUNC_MODIFY = READ_ONLY, INITCOND = '0', PARALLEL = SAFE);

CREATE VIEW "source"."stats" AS
SELECT sum_sq(x.x) AS sum_sq
   FROM generate_series(1, 3) x(x);
