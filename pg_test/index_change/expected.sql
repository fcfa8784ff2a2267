SET search_path TO pg_catalog, "source";

DROP INDEX "source"."orders_lookup_idx";

DROP INDEX "source"."orders_open_idx";

DROP INDEX "source"."orders_placed_idx";

DROP INDEX "source"."orders_ref_idx";

DROP INDEX "source"."orders_status_idx";

CREATE INDEX "orders_lookup_idx" ON "source"."orders" USING "btree" (customer_id, placed_at DESC);

CREATE INDEX "orders_open_idx" ON "source"."orders" USING "btree" (placed_at) WHERE (status = ANY (ARRAY['open'::text, 'pending'::text]));

CREATE INDEX "orders_placed_idx" ON "source"."orders" USING "btree" (placed_at) WITH (fillfactor='70');

CREATE UNIQUE INDEX "orders_ref_idx" ON "source"."orders" USING "btree" (ref);

CREATE INDEX "orders_status_idx" ON "source"."orders" USING "btree" (status);
