SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.events; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."Events At";

-- lock: ACCESS EXCLUSIVE on source.events; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."events_kind";

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "Events At" ON "source"."events" USING "brin" (at) WITH (pages_per_range='32');

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "events_kind" ON "source"."events" USING "btree" (kind, at) WHERE (kind <> 'k0'::text);

-- lock: SHARE UPDATE EXCLUSIVE on source.events_kind
COMMENT ON INDEX "source"."events_kind" IS 'lookups by kind';
