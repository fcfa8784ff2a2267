SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.orders_asia; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" DETACH PARTITION "source"."orders_asia";

-- lock: ACCESS EXCLUSIVE on source.orders_latam; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders_latam" ALTER COLUMN "status" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.orders_legacy; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders_legacy" ALTER COLUMN "status" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ALTER COLUMN "status" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ADD COLUMN "channel" text;

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ALTER COLUMN "status" SET DEFAULT 'open'::text;

-- lock: ACCESS EXCLUSIVE on source.orders_asia; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders_asia" RENAME CONSTRAINT "orders_id_not_null" TO "orders_asia_id_not_null";

-- lock: ACCESS EXCLUSIVE on source.orders_asia; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders_asia" RENAME CONSTRAINT "orders_placed_on_not_null" TO "orders_asia_placed_on_not_null";

-- lock: ACCESS EXCLUSIVE on source.orders_asia; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders_asia" RENAME CONSTRAINT "orders_region_not_null" TO "orders_asia_region_not_null";

-- lock: ACCESS EXCLUSIVE on source.orders_latam; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders_latam" ADD COLUMN "channel" text;

-- lock: ACCESS EXCLUSIVE on source.orders_latam; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders_latam" RENAME CONSTRAINT "orders_latam_id_not_null" TO "orders_id_not_null";

-- lock: ACCESS EXCLUSIVE on source.orders_latam; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders_latam" RENAME CONSTRAINT "orders_latam_placed_on_not_null" TO "orders_placed_on_not_null";

-- lock: ACCESS EXCLUSIVE on source.orders_latam; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders_latam" RENAME CONSTRAINT "orders_latam_region_not_null" TO "orders_region_not_null";

-- lock: ACCESS EXCLUSIVE on source.orders_latam; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders_latam" ALTER COLUMN "status" SET DEFAULT 'open'::text;

-- lock: ACCESS EXCLUSIVE on source.orders_legacy; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders_legacy" ALTER COLUMN "status" SET DEFAULT 'old'::text;

-- lock: ACCESS EXCLUSIVE on source.orders_eu; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" DETACH PARTITION "source"."orders_eu";

-- lock: ACCESS EXCLUSIVE on source.orders_eu; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ATTACH PARTITION "source"."orders_eu" FOR VALUES IN ('de', 'fr', 'it');

-- lock: ACCESS EXCLUSIVE on source.orders_latam; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ATTACH PARTITION "source"."orders_latam" FOR VALUES IN ('br', 'ar');

-- lock: SHARE on source.orders; hazards: index_build, blocks_writes
CREATE INDEX "orders_placed" ON "source"."orders" USING "btree" (placed_on);
