SET search_path TO pg_catalog, "source";

SET lock_timeout = 0;

SET statement_timeout = 0;

-- lock: SHARE UPDATE EXCLUSIVE on source.orders; hazards: non_transactional
DROP INDEX CONCURRENTLY "source"."orders_note";

CREATE TABLE "source"."refunds" (
    "id" bigint,
    "order_id" bigint
);

-- lock: SHARE on source.refunds
CREATE INDEX "refunds_order" ON "source"."refunds" USING "btree" (order_id);

-- lock: SHARE UPDATE EXCLUSIVE on source.order_days; hazards: index_build, non_transactional
CREATE UNIQUE INDEX CONCURRENTLY "order_days_placed" ON "source"."order_days" USING "btree" (placed);

-- lock: SHARE UPDATE EXCLUSIVE on source.orders; hazards: index_build, non_transactional
CREATE INDEX CONCURRENTLY "orders by customer" ON "source"."orders" USING "btree" (customer, placed DESC) WHERE (customer IS NOT NULL);
