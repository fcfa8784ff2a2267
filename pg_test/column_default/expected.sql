SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.settings; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."settings" ALTER COLUMN "changes_default" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.settings; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."settings" ALTER COLUMN "expr_default" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.settings; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."settings" ALTER COLUMN "loses_default" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.settings; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."settings" ALTER COLUMN "retyped" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.settings; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."settings" ALTER COLUMN "changes_default" SET DEFAULT 'new'::text;

-- lock: ACCESS EXCLUSIVE on source.settings; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."settings" ALTER COLUMN "expr_default" SET DEFAULT (now() + '1 day'::interval);

-- lock: ACCESS EXCLUSIVE on source.settings; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."settings" ALTER COLUMN "gains_default" SET DEFAULT 42;

-- lock: ACCESS EXCLUSIVE on source.settings; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."settings" ALTER COLUMN "retyped" TYPE text;

-- lock: ACCESS EXCLUSIVE on source.settings; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."settings" ALTER COLUMN "retyped" SET DEFAULT 'zero'::text;
