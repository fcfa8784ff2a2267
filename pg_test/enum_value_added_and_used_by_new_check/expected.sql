SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ALTER COLUMN "status" DROP DEFAULT;

ALTER TYPE "source"."status" RENAME TO "status__migra_old";

CREATE TYPE "source"."status" AS ENUM ('pending', 'on hold', 'complete');

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ALTER COLUMN "status" TYPE status USING "status"::text::status;

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ALTER COLUMN "status" SET DEFAULT 'pending'::status;

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ADD CONSTRAINT "not_on_hold_forever" CHECK (((status <> 'on hold'::status) OR (id > 0))) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.orders; hazards: validates_rows
ALTER TABLE "source"."orders" VALIDATE CONSTRAINT "not_on_hold_forever";

DROP TYPE "source"."status__migra_old";
