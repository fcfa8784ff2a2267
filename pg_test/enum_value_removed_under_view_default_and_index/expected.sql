SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.open_orders; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."open_orders";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."orders_open";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."orders_status";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ALTER COLUMN "status" DROP DEFAULT;

ALTER TYPE "source"."status" RENAME TO "status__migra_old";

CREATE TYPE "source"."status" AS ENUM ('pending', 'processing', 'complete');

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ALTER COLUMN "status" TYPE status USING "status"::text::status;

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ALTER COLUMN "status" SET DEFAULT 'pending'::status;

-- lock: SHARE on source.orders; hazards: index_build, blocks_writes
CREATE INDEX "orders_open" ON "source"."orders" USING "btree" (id) WHERE (status <> 'complete'::status);

-- lock: SHARE on source.orders; hazards: index_build, blocks_writes
CREATE INDEX "orders_status" ON "source"."orders" USING "btree" (status);

CREATE VIEW "source"."open_orders" AS
SELECT orders.id,
    orders.status
   FROM orders
  WHERE (orders.status = 'pending'::status);

DROP TYPE "source"."status__migra_old";
