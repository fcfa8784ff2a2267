SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."t_c";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "b" DROP DEFAULT;

ALTER COLLATION "source"."sorting" RENAME TO "sorting__migra_old";

CREATE COLLATION "source"."sorting" (provider = icu, locale = 'sv');

-- lock: ACCESS EXCLUSIVE on source.t; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "a" TYPE text COLLATE sorting USING "a"::text;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "a" SET COMPRESSION pglz;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "b" TYPE text COLLATE sorting USING "b"::text;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "b" SET NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "b" SET DEFAULT 'y'::text;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "c" TYPE text COLLATE sorting USING "c"::text;

-- lock: SHARE on source.t; hazards: index_build, blocks_writes
CREATE INDEX "t_c" ON "source"."t" USING "btree" (c);

DROP COLLATION "source"."sorting__migra_old";
