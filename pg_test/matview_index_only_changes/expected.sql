SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.mv; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."mv_name";

-- lock: SHARE on source.mv; hazards: index_build, blocks_writes
CREATE UNIQUE INDEX "mv_id" ON "source"."mv" USING "btree" (id);

-- lock: SHARE on source.mv; hazards: index_build, blocks_writes
CREATE INDEX "mv_name" ON "source"."mv" USING "btree" (lower(name));
