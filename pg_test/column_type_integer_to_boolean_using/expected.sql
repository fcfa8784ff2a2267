SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" DROP CONSTRAINT "accounts_active_check";

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."accounts_active_email";

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ALTER COLUMN "active" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ALTER COLUMN "active" TYPE boolean USING active > 0;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ALTER COLUMN "active" SET DEFAULT true;

-- lock: SHARE on source.accounts; hazards: index_build, blocks_writes
CREATE INDEX "accounts_active_email" ON "source"."accounts" USING "btree" (email) WHERE active;
