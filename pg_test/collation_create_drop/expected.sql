SET search_path TO pg_catalog, "source";

CREATE COLLATION "source"."Case Insensitive" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ADD COLUMN "c" text COLLATE "numeric";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ADD COLUMN "d" text COLLATE "Case Insensitive";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "b" TYPE text COLLATE "numeric";

DROP COLLATION "source"."posix";
