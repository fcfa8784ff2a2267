SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.doc; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."doc" ALTER COLUMN "body" TYPE text;

-- lock: ACCESS EXCLUSIVE on source.doc; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."doc" ALTER COLUMN "body" SET COMPRESSION pglz;

-- lock: ACCESS EXCLUSIVE on source.doc; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."doc" ALTER COLUMN "note" TYPE text;

-- lock: ACCESS EXCLUSIVE on source.doc; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."doc" ALTER COLUMN "note" SET COMPRESSION pglz;
