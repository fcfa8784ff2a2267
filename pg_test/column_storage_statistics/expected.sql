SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.documents; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."documents" ALTER COLUMN "blob" SET STORAGE EXTENDED;

-- lock: ACCESS EXCLUSIVE on source.documents; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."documents" ALTER COLUMN "body" SET STORAGE EXTERNAL;

-- lock: SHARE UPDATE EXCLUSIVE on source.documents
ALTER TABLE "source"."documents" ALTER COLUMN "category" SET STATISTICS 500;

-- lock: SHARE UPDATE EXCLUSIVE on source.documents
ALTER TABLE "source"."documents" ALTER COLUMN "owner_id" SET STATISTICS -1;

-- lock: ACCESS EXCLUSIVE on source.documents; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."documents" ALTER COLUMN "summary" SET STORAGE MAIN;
