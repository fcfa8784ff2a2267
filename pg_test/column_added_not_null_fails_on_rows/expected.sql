SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: fails_on_existing_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ADD COLUMN "email" text NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ADD COLUMN "plan" text DEFAULT 'free'::text NOT NULL;
