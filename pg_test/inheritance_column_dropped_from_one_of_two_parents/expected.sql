SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.b; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."b" DROP COLUMN "shared";
