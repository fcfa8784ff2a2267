SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- lock: ACCESS EXCLUSIVE on source.v; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."v";

-- hazards: breaks_dependents
DROP FUNCTION "source".f(x ct);

ALTER TYPE "source"."ct" ALTER ATTRIBUTE "a" TYPE bigint;

CREATE FUNCTION "source"."f"(x ct)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
RETURN length((x)::text);

CREATE VIEW "source"."v" AS
SELECT ROW((1)::bigint)::ct AS c;
