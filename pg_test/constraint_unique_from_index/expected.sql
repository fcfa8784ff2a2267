SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.codes; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."codes" DROP CONSTRAINT "codes_b_key";

-- lock: ACCESS EXCLUSIVE on source.codes; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."codes_a_key";

-- lock: SHARE on source.codes; hazards: index_build, blocks_writes
CREATE UNIQUE INDEX "codes_b_key" ON "source"."codes" USING "btree" (b);

-- lock: ACCESS EXCLUSIVE on source.codes; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."codes" ADD CONSTRAINT "codes_a_key" UNIQUE (a);
