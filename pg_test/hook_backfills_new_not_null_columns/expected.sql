SET search_path TO pg_catalog, "source";

INSERT INTO orders_archive SELECT id, amount FROM legacy_orders;

-- lock: ACCESS EXCLUSIVE on source.legacy_orders; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."legacy_orders";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ADD COLUMN "amount_cents" bigint;

UPDATE orders SET amount_cents = round(amount * 100);

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: fails_on_existing_rows, validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ALTER COLUMN "amount_cents" SET NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ADD COLUMN "status" text;

UPDATE orders SET status = CASE WHEN amount > 0 THEN 'paid' ELSE 'new' END;

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: fails_on_existing_rows, validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ALTER COLUMN "status" SET NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ADD CONSTRAINT "orders_status_check" CHECK ((status = ANY (ARRAY['new'::text, 'paid'::text]))) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.orders; hazards: validates_rows
ALTER TABLE "source"."orders" VALIDATE CONSTRAINT "orders_status_check";
