SET search_path TO pg_catalog, "source";

DROP VIEW "source"."open_orders";

DROP INDEX "source"."orders_open";

DROP INDEX "source"."orders_status";

ALTER TABLE "source"."orders" ALTER COLUMN "status" DROP DEFAULT;

ALTER TYPE "source"."status" RENAME TO "status__migra_old";

CREATE TYPE "source"."status" AS ENUM ('pending', 'processing', 'complete');

-- hazards: data_loss
ALTER TABLE "source"."orders" ALTER COLUMN "status" TYPE status USING "status"::text::status;

ALTER TABLE "source"."orders" ALTER COLUMN "status" SET DEFAULT 'pending'::status;

CREATE INDEX "orders_open" ON "source"."orders" USING "btree" (id) WHERE (status <> 'complete'::status);

CREATE INDEX "orders_status" ON "source"."orders" USING "btree" (status);

CREATE VIEW "source"."open_orders" AS
SELECT id,
    status
   FROM orders
  WHERE (status = 'pending'::status);

DROP TYPE "source"."status__migra_old";
