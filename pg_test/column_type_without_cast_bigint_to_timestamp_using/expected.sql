SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.events; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."events_at";

-- lock: ACCESS EXCLUSIVE on source.events; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."events" ALTER COLUMN "at" TYPE timestamp without time zone USING to_timestamp(at) at time zone 'UTC';

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "events_at" ON "source"."events" USING "btree" (at);
