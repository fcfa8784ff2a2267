SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- lock: ACCESS EXCLUSIVE on source.v; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."v";

-- hazards: breaks_dependents
DROP FUNCTION "source".total(x t);

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."t_amount";

ALTER TYPE "source"."status" RENAME TO "status__migra_old";

CREATE TYPE "source"."status" AS ENUM ('c', 'b', 'a');

CREATE FUNCTION "source"."total"(x t)
 RETURNS bigint
 LANGUAGE sql
AS $function$SELECT 1::bigint$function$;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "amount" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "s" TYPE status USING "s"::text::status;

-- lock: SHARE on source.t; hazards: index_build, blocks_writes
CREATE INDEX "t_amount" ON "source"."t" USING "btree" (amount);

CREATE VIEW "source"."v" AS
SELECT t.id,
    t.amount
   FROM t;

-- lock: SHARE UPDATE EXCLUSIVE on source.t_amount
COMMENT ON INDEX "source"."t_amount" IS 'kept through the rebuild';

COMMENT ON ROUTINE "source".total(x t) IS 'kept through the rebuild';

COMMENT ON TYPE "source"."status" IS 'kept through the rebuild';

-- lock: SHARE UPDATE EXCLUSIVE on source.v
COMMENT ON VIEW "source"."v" IS 'kept through the rebuild';

-- lock: SHARE UPDATE EXCLUSIVE on source.v
COMMENT ON COLUMN "source"."v"."amount" IS 'and its column';

DROP TYPE "source"."status__migra_old";
