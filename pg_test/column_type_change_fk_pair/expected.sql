SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.transfers; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."transfers" DROP CONSTRAINT "transfers_from_account_fkey";

-- lock: ACCESS EXCLUSIVE on source.transfers; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."transfers" DROP CONSTRAINT "transfers_to_account_fkey";

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" DROP CONSTRAINT "accounts_pkey";

-- lock: ACCESS EXCLUSIVE on source.transfers; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."transfers_from_idx";

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ALTER COLUMN "id" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.transfers; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."transfers" ALTER COLUMN "from_account" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.transfers; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."transfers" ALTER COLUMN "to_account" TYPE bigint;

-- lock: SHARE on source.transfers; hazards: index_build, blocks_writes
CREATE INDEX "transfers_from_idx" ON "source"."transfers" USING "btree" (from_account);

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ADD CONSTRAINT "accounts_pkey" PRIMARY KEY (id);

-- lock: SHARE ROW EXCLUSIVE on source.transfers; hazards: blocks_writes
ALTER TABLE "source"."transfers" ADD CONSTRAINT "transfers_from_account_fkey" FOREIGN KEY (from_account) REFERENCES accounts(id) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.transfers; hazards: validates_rows
ALTER TABLE "source"."transfers" VALIDATE CONSTRAINT "transfers_from_account_fkey";

-- lock: SHARE ROW EXCLUSIVE on source.transfers; hazards: blocks_writes
ALTER TABLE "source"."transfers" ADD CONSTRAINT "transfers_to_account_fkey" FOREIGN KEY (to_account) REFERENCES accounts(id) ON DELETE CASCADE NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.transfers; hazards: validates_rows
ALTER TABLE "source"."transfers" VALIDATE CONSTRAINT "transfers_to_account_fkey";
