SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- hazards: breaks_dependents
DROP FUNCTION "source".total();

-- lock: ACCESS EXCLUSIVE on source.t; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "amount" TYPE bigint;

CREATE FUNCTION "source"."total"()
 RETURNS numeric
 LANGUAGE sql
 STABLE
BEGIN ATOMIC
 SELECT sum(t.amount) AS sum
    FROM t;
END;
