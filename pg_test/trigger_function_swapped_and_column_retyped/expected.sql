SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- lock: ACCESS EXCLUSIVE on source.item; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP TRIGGER "price" ON "source"."item";

-- lock: ACCESS EXCLUSIVE on source.item; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP TRIGGER "touch" ON "source"."item";

DROP FUNCTION "source".touch_old();

CREATE FUNCTION "source"."touch_new"()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN RETURN NEW; END $function$;

-- lock: ACCESS EXCLUSIVE on source.item; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."item" ALTER COLUMN "price" TYPE numeric(12,2);

-- lock: SHARE ROW EXCLUSIVE on source.item; hazards: blocks_writes
CREATE TRIGGER "price" BEFORE UPDATE OF price ON "source"."item" FOR EACH ROW EXECUTE FUNCTION log_price();

-- lock: SHARE ROW EXCLUSIVE on source.item; hazards: blocks_writes
CREATE TRIGGER "touch" BEFORE UPDATE ON "source"."item" FOR EACH ROW EXECUTE FUNCTION touch_new();
