SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."transfers" DROP CONSTRAINT "transfers_from_account_fkey";

ALTER TABLE "source"."transfers" DROP CONSTRAINT "transfers_to_account_fkey";

ALTER TABLE "source"."accounts" DROP CONSTRAINT "accounts_pkey";

DROP INDEX "source"."transfers_from_idx";

ALTER TABLE "source"."accounts" ALTER COLUMN "id" TYPE bigint;

ALTER TABLE "source"."transfers" ALTER COLUMN "from_account" TYPE bigint;

ALTER TABLE "source"."transfers" ALTER COLUMN "to_account" TYPE bigint;

CREATE INDEX "transfers_from_idx" ON "source"."transfers" USING "btree" (from_account);

ALTER TABLE "source"."accounts" ADD CONSTRAINT "accounts_pkey" PRIMARY KEY (id);

ALTER TABLE "source"."transfers" ADD CONSTRAINT "transfers_from_account_fkey" FOREIGN KEY (from_account) REFERENCES accounts(id) NOT VALID;

ALTER TABLE "source"."transfers" VALIDATE CONSTRAINT "transfers_from_account_fkey";

ALTER TABLE "source"."transfers" ADD CONSTRAINT "transfers_to_account_fkey" FOREIGN KEY (to_account) REFERENCES accounts(id) ON DELETE CASCADE NOT VALID;

ALTER TABLE "source"."transfers" VALIDATE CONSTRAINT "transfers_to_account_fkey";
