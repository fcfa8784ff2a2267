SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."orders_note";

CREATE TABLE "source"."refunds" (
    "id" bigint,
    "order_id" bigint
);

-- lock: SHARE on source.order_days; hazards: index_build, blocks_writes
CREATE UNIQUE INDEX "order_days_placed" ON "source"."order_days" USING "btree" (placed);

-- lock: SHARE on source.orders; hazards: index_build, blocks_writes
CREATE INDEX "orders by customer" ON "source"."orders" USING "btree" (customer, placed DESC) WHERE (customer IS NOT NULL);

-- lock: SHARE on source.refunds
CREATE INDEX "refunds_order" ON "source"."refunds" USING "btree" (order_id);
