SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

DROP VIEW "source"."v";

DROP FUNCTION "source".total(x t);

DROP INDEX "source"."t_amount";

ALTER TYPE "source"."status" RENAME TO "status__migra_old";

CREATE TYPE "source"."status" AS ENUM ('c', 'b', 'a');

CREATE FUNCTION "source"."total"(x t)
 RETURNS bigint
 LANGUAGE sql
AS $function$SELECT 1::bigint$function$;

ALTER TABLE "source"."t" ALTER COLUMN "amount" TYPE bigint;

ALTER TABLE "source"."t" ALTER COLUMN "s" TYPE status USING "s"::text::status;

CREATE INDEX "t_amount" ON "source"."t" USING "btree" (amount);

CREATE VIEW "source"."v" AS
SELECT t.id,
    t.amount
   FROM t;

COMMENT ON INDEX "source"."t_amount" IS 'kept through the rebuild';

COMMENT ON ROUTINE "source".total(x t) IS 'kept through the rebuild';

COMMENT ON TYPE "source"."status" IS 'kept through the rebuild';

COMMENT ON VIEW "source"."v" IS 'kept through the rebuild';

COMMENT ON COLUMN "source"."v"."amount" IS 'and its column';

DROP TYPE "source"."status__migra_old";
