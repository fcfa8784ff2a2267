SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.consumer; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."consumer" DROP COLUMN "doubled";

-- lock: ACCESS EXCLUSIVE on source.consumer; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."consumer" ALTER COLUMN "n" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.owner_table; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."owner_table" DROP COLUMN "legacy";

-- lock: ACCESS EXCLUSIVE on source.consumer; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."consumer" ALTER COLUMN "n" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.consumer; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."consumer" ADD COLUMN "doubled" bigint GENERATED ALWAYS AS ((n * 2)) STORED;
