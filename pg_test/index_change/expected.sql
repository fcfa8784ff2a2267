SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."orders_lookup_idx";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."orders_open_idx";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."orders_placed_idx";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."orders_ref_idx";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."orders_status_idx";

-- lock: SHARE on source.orders; hazards: index_build, blocks_writes
CREATE INDEX "orders_lookup_idx" ON "source"."orders" USING "btree" (customer_id, placed_at DESC);

-- lock: SHARE on source.orders; hazards: index_build, blocks_writes
CREATE INDEX "orders_open_idx" ON "source"."orders" USING "btree" (placed_at) WHERE (status = ANY (ARRAY['open'::text, 'pending'::text]));

-- lock: SHARE on source.orders; hazards: index_build, blocks_writes
CREATE INDEX "orders_placed_idx" ON "source"."orders" USING "btree" (placed_at) WITH (fillfactor='70');

-- lock: SHARE on source.orders; hazards: index_build, blocks_writes
CREATE UNIQUE INDEX "orders_ref_idx" ON "source"."orders" USING "btree" (ref);

-- lock: SHARE on source.orders; hazards: index_build, blocks_writes
CREATE INDEX "orders_status_idx" ON "source"."orders" USING "btree" (status);
