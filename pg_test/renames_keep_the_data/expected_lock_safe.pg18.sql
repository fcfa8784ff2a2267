SET search_path TO pg_catalog, "source";

ALTER TYPE "source"."mood" RENAME VALUE 'sad' TO 'blue';

SET lock_timeout = '5s';

-- lock: ACCESS EXCLUSIVE on source."Order Lines"; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."Order Lines" RENAME COLUMN "customer" TO "client";

-- lock: ACCESS EXCLUSIVE on source."Order Lines"; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."Order Lines" RENAME COLUMN "qty" TO "quantity";

-- lock: ACCESS EXCLUSIVE on source.customers; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."customers" RENAME COLUMN "fullname" TO "name";

-- lock: ACCESS EXCLUSIVE on source."Order Lines"; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."Order Lines" RENAME CONSTRAINT "Order Lines_customer_fkey" TO "order_lines_client_fkey";

-- lock: ACCESS EXCLUSIVE on source."Order Lines"; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."Order Lines" RENAME CONSTRAINT "Order Lines_pkey" TO "order_lines_pkey";

-- lock: ACCESS EXCLUSIVE on source."Order Lines"; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."Order Lines" RENAME CONSTRAINT "qty_small" TO "quantity_small";

-- lock: ACCESS EXCLUSIVE on source.customers; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."customers" RENAME CONSTRAINT "customers_pkey" TO "clients_pkey";

-- lock: SHARE UPDATE EXCLUSIVE on source.order_lines_client
ALTER INDEX "source"."order_lines_customer" RENAME TO "order_lines_client";

-- lock: ACCESS EXCLUSIVE on source.order_lines_id_seq; hazards: blocks_writes, blocks_reads
ALTER SEQUENCE "source"."Order Lines_id_seq" RENAME TO "order_lines_id_seq";

-- lock: ACCESS EXCLUSIVE on source.invoice_seq; hazards: blocks_writes, blocks_reads
ALTER SEQUENCE "source"."invoice_numbers" RENAME TO "invoice_seq";

-- lock: ACCESS EXCLUSIVE on source.large_orders; hazards: blocks_writes, blocks_reads
ALTER VIEW "source"."big_orders" RENAME TO "large_orders";

-- lock: ACCESS EXCLUSIVE on source.client_totals; hazards: blocks_writes, blocks_reads
ALTER MATERIALIZED VIEW "source"."order_totals" RENAME TO "client_totals";

ALTER TYPE "source"."mood" RENAME TO "feeling";

ALTER DOMAIN "source"."positive" RENAME TO "strictly_positive";

-- lock: ACCESS EXCLUSIVE on source.order_lines; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."Order Lines" RENAME TO "order_lines";

-- lock: ACCESS EXCLUSIVE on source.clients; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."customers" RENAME TO "clients";

-- lock: ACCESS EXCLUSIVE on source.client_totals; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP MATERIALIZED VIEW "source"."client_totals";

-- lock: ACCESS EXCLUSIVE on source.large_orders; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."large_orders";

ALTER DOMAIN "source"."strictly_positive" DROP CONSTRAINT "positive_check";

ALTER DOMAIN "source"."strictly_positive" ADD CONSTRAINT "strictly_positive_check" CHECK ((VALUE > 0)) NOT VALID;

-- hazards: validates_rows
ALTER DOMAIN "source"."strictly_positive" VALIDATE CONSTRAINT "strictly_positive_check";

-- lock: ACCESS EXCLUSIVE on source.clients; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."clients" RENAME CONSTRAINT "customers_id_not_null" TO "clients_id_not_null";

-- lock: ACCESS EXCLUSIVE on source.clients; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."clients" RENAME CONSTRAINT "customers_fullname_not_null" TO "clients_name_not_null";

-- lock: ACCESS EXCLUSIVE on source.order_lines; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."order_lines" RENAME CONSTRAINT "Order Lines_id_not_null" TO "order_lines_id_not_null";

-- lock: ACCESS EXCLUSIVE on source.order_lines; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."order_lines" RENAME CONSTRAINT "Order Lines_qty_not_null" TO "order_lines_quantity_not_null";

CREATE MATERIALIZED VIEW "source"."client_totals" AS
SELECT client,
    sum((quantity)::integer) AS total
   FROM order_lines
  GROUP BY client WITH DATA;

CREATE VIEW "source"."large_orders" AS
SELECT id,
    client,
    quantity
   FROM order_lines
  WHERE ((quantity)::integer > 10);
