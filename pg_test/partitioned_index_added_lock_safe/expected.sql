SET search_path TO pg_catalog, "source";

CREATE TABLE "source"."readings_2027" PARTITION OF "source"."readings" FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');

-- lock: SHARE on source.readings; hazards: index_build, blocks_writes
CREATE INDEX "readings_at_value" ON "source"."readings" USING "btree" (at, value) WHERE (value IS NOT NULL);
