SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."orders" ALTER COLUMN "status" DROP DEFAULT;

ALTER TYPE "source"."status" RENAME TO "status__migra_old";

CREATE TYPE "source"."status" AS ENUM ('pending', 'on hold', 'complete');

ALTER TABLE "source"."orders" ALTER COLUMN "status" TYPE status USING "status"::text::status;

ALTER TABLE "source"."orders" ALTER COLUMN "status" SET DEFAULT 'pending'::status;

ALTER TABLE "source"."orders" ADD CONSTRAINT "not_on_hold_forever" CHECK (((status <> 'on hold'::status) OR (id > 0))) NOT VALID;

ALTER TABLE "source"."orders" VALIDATE CONSTRAINT "not_on_hold_forever";

DROP TYPE "source"."status__migra_old";
