SET search_path TO pg_catalog, "source";

CREATE TABLE "source"."other" (
    "note" text COMPRESSION pglz
);

-- lock: ACCESS EXCLUSIVE on source.doc; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."doc" ADD COLUMN "extra" text COMPRESSION pglz;

-- lock: ACCESS EXCLUSIVE on source.doc; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."doc" ALTER COLUMN "body" SET COMPRESSION default;

-- lock: ACCESS EXCLUSIVE on source.doc; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."doc" ALTER COLUMN "meta" SET COMPRESSION pglz;
