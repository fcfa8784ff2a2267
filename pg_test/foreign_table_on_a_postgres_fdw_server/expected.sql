SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.retired; hazards: blocks_writes, blocks_reads
DROP FOREIGN TABLE "source"."retired";

CREATE FOREIGN TABLE "source"."remote_orders" (
    "id" integer OPTIONS (column_name 'order_id') NOT NULL,
    "note" text COLLATE "C" DEFAULT 'none'::text,
    "amount" numeric(10,2)
) SERVER "loopback" OPTIONS (schema_name 'public', table_name 'orders');

-- lock: ACCESS EXCLUSIVE on source.remote_orders
ALTER TABLE "source"."remote_orders" ADD CONSTRAINT "amount_positive" CHECK ((amount > (0)::numeric));

CREATE VIEW "source"."remote_total" AS
SELECT sum(remote_orders.amount) AS total
   FROM remote_orders;

-- hazards: authz_change
GRANT SELECT ON TABLE "source"."remote_orders" TO PUBLIC;

-- lock: SHARE UPDATE EXCLUSIVE on source.remote_orders
COMMENT ON COLUMN "source"."remote_orders"."amount" IS 'in euros';

-- lock: SHARE UPDATE EXCLUSIVE on source.remote_orders
COMMENT ON FOREIGN TABLE "source"."remote_orders" IS 'orders, on the other server';
