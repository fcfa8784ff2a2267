SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

DROP TRIGGER "price" ON "source"."item";

DROP TRIGGER "touch" ON "source"."item";

DROP FUNCTION "source".touch_old();

CREATE FUNCTION "source"."touch_new"()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN RETURN NEW; END $function$;

-- hazards: data_loss
ALTER TABLE "source"."item" ALTER COLUMN "price" TYPE numeric(12,2);

CREATE TRIGGER "price" BEFORE UPDATE OF price ON "source"."item" FOR EACH ROW EXECUTE FUNCTION log_price();

CREATE TRIGGER "touch" BEFORE UPDATE ON "source"."item" FOR EACH ROW EXECUTE FUNCTION touch_new();
