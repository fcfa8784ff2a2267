SET search_path TO pg_catalog, "source";

-- hazards: data_loss
ALTER TABLE "source"."t" DROP COLUMN "gone";

COMMENT ON COLUMN "source"."t"."a" IS NULL;

COMMENT ON VIEW "source"."v" IS NULL;

COMMENT ON TABLE "source"."t" IS 'new';
