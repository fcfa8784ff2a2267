SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.readings; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."readings_value";

-- lock: ACCESS EXCLUSIVE on source.readings; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."readings" ALTER COLUMN "value" TYPE bigint;

-- lock: SHARE on source.readings; hazards: index_build, blocks_writes
CREATE INDEX "readings_value" ON "source"."readings" USING "btree" (value);

-- lock: ACCESS EXCLUSIVE on source.readings; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."readings" ADD CONSTRAINT "readings_no_overlap" EXCLUDE USING btree (id WITH =);
