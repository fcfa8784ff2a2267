SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."t" DROP COLUMN "gone";

-- lock: SHARE UPDATE EXCLUSIVE on source.t
COMMENT ON COLUMN "source"."t"."a" IS NULL;

-- lock: SHARE UPDATE EXCLUSIVE on source.v
COMMENT ON VIEW "source"."v" IS NULL;

-- lock: SHARE UPDATE EXCLUSIVE on source.t
COMMENT ON TABLE "source"."t" IS 'new';
