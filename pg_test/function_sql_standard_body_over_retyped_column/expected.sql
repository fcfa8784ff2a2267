SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

DROP FUNCTION "source".total();

ALTER TABLE "source"."t" ALTER COLUMN "amount" TYPE bigint;

CREATE FUNCTION "source"."total"()
 RETURNS numeric
 LANGUAGE sql
 STABLE
BEGIN ATOMIC
 SELECT sum(t.amount) AS sum
    FROM t;
END;
