SET search_path TO pg_catalog, "source";

SET lock_timeout = 0;

SET statement_timeout = 0;

-- lock: SHARE UPDATE EXCLUSIVE on source.events; hazards: index_build, non_transactional
CREATE INDEX CONCURRENTLY "Events At__migra_new" ON "source"."events" USING "brin" (at) WITH (pages_per_range='32');

-- lock: SHARE UPDATE EXCLUSIVE on source.events; hazards: non_transactional
DROP INDEX CONCURRENTLY "source"."Events At";

-- lock: SHARE UPDATE EXCLUSIVE on source.events; hazards: index_build, non_transactional
CREATE INDEX CONCURRENTLY "events_kind__migra_new" ON "source"."events" USING "btree" (kind, at) WHERE (kind <> 'k0'::text);

-- lock: SHARE UPDATE EXCLUSIVE on source.events; hazards: non_transactional
DROP INDEX CONCURRENTLY "source"."events_kind";

-- lock: SHARE UPDATE EXCLUSIVE on source."Events At__migra_new"
ALTER INDEX "source"."Events At__migra_new" RENAME TO "Events At";

-- lock: SHARE UPDATE EXCLUSIVE on source.events_kind__migra_new
ALTER INDEX "source"."events_kind__migra_new" RENAME TO "events_kind";

-- lock: SHARE UPDATE EXCLUSIVE on source.events_kind
COMMENT ON INDEX "source"."events_kind" IS 'lookups by kind';
