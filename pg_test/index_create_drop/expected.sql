SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.events; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."events_old_status_idx";

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "events_active_idx" ON "source"."events" USING "btree" (happened_at) WHERE (status = 'active'::text);

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "events_code_hash_idx" ON "source"."events" USING "hash" (code);

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "events_code_pattern_idx" ON "source"."events" USING "btree" (code text_pattern_ops);

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE UNIQUE INDEX "events_email_uidx" ON "source"."events" USING "btree" (email);

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "events_happened_brin_idx" ON "source"."events" USING "brin" (happened_at);

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "events_lower_name_idx" ON "source"."events" USING "btree" (lower(name));

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "events_name_ff_idx" ON "source"."events" USING "btree" (name) WITH (fillfactor='50');

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "events_payload_gin_idx" ON "source"."events" USING "gin" (payload jsonb_path_ops);

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "events_score_desc_idx" ON "source"."events" USING "btree" (score DESC, id);

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "events_score_include_idx" ON "source"."events" USING "btree" (score) INCLUDE (name, status);

-- lock: SHARE on source.events; hazards: index_build, blocks_writes
CREATE INDEX "events_tags_gin_idx" ON "source"."events" USING "gin" (tags);
