SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ALTER COLUMN "becomes_optional" DROP NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ALTER COLUMN "becomes_required" SET NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ALTER COLUMN "required_with_default" SET NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ALTER COLUMN "required_with_default" SET DEFAULT false;
