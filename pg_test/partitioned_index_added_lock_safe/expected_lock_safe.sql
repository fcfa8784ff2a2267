SET search_path TO pg_catalog, "source";

CREATE TABLE "source"."readings_2027" PARTITION OF "source"."readings" FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');

SET lock_timeout = '5s';

-- lock: SHARE on source.readings; hazards: blocks_writes
CREATE INDEX "readings_at_value" ON ONLY "source"."readings" USING "btree" (at, value) WHERE (value IS NOT NULL);

-- lock: SHARE on source.readings_2026; hazards: blocks_writes
CREATE INDEX "readings_2026_at_value_idx" ON ONLY "source"."readings_2026" USING "btree" (at, value) WHERE (value IS NOT NULL);

-- lock: ACCESS SHARE on source.readings_2026
ALTER INDEX "source"."readings_at_value" ATTACH PARTITION "source"."readings_2026_at_value_idx";

-- lock: SHARE on source.readings_2027
CREATE INDEX "readings_2027_at_value_idx" ON "source"."readings_2027" USING "btree" (at, value) WHERE (value IS NOT NULL);

-- lock: ACCESS SHARE on source.readings_2027
ALTER INDEX "source"."readings_at_value" ATTACH PARTITION "source"."readings_2027_at_value_idx";

SET lock_timeout = 0;

SET statement_timeout = 0;

-- lock: SHARE UPDATE EXCLUSIVE on source.readings_2025; hazards: index_build, non_transactional
CREATE INDEX CONCURRENTLY "readings_2025_at_value_idx" ON "source"."readings_2025" USING "btree" (at, value) WHERE (value IS NOT NULL);

-- lock: SHARE UPDATE EXCLUSIVE on source.readings_2026_low; hazards: index_build, non_transactional
CREATE INDEX CONCURRENTLY "readings_2026_low_at_value_idx" ON "source"."readings_2026_low" USING "btree" (at, value) WHERE (value IS NOT NULL);

-- lock: SHARE UPDATE EXCLUSIVE on source.readings_2026_rest; hazards: index_build, non_transactional
CREATE INDEX CONCURRENTLY "readings_2026_rest_at_value_idx" ON "source"."readings_2026_rest" USING "btree" (at, value) WHERE (value IS NOT NULL);

-- lock: ACCESS SHARE on source.readings_2025
ALTER INDEX "source"."readings_at_value" ATTACH PARTITION "source"."readings_2025_at_value_idx";

-- lock: ACCESS SHARE on source.readings_2026_low
ALTER INDEX "source"."readings_2026_at_value_idx" ATTACH PARTITION "source"."readings_2026_low_at_value_idx";

-- lock: ACCESS SHARE on source.readings_2026_rest
ALTER INDEX "source"."readings_2026_at_value_idx" ATTACH PARTITION "source"."readings_2026_rest_at_value_idx";
