SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ADD COLUMN "c" text DEFAULT 'x'::text;

-- lock: ACCESS EXCLUSIVE on source.p2; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."p2" ALTER COLUMN "c" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.p2; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."p2" ALTER COLUMN "c" SET DEFAULT 'y'::text;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ADD COLUMN "d" integer;
