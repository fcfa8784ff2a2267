SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.c; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."c_id";

CREATE TABLE "source"."d" (
    "id" integer NOT NULL
);

-- lock: ACCESS EXCLUSIVE on source.c; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."c" ALTER COLUMN "id" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.a; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."a" REPLICA IDENTITY USING INDEX "a_code";

-- lock: SHARE UPDATE EXCLUSIVE on source.a
ALTER TABLE "source"."a" CLUSTER ON "a_pkey";

-- lock: ACCESS EXCLUSIVE on source.b; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."b" REPLICA IDENTITY NOTHING;

-- lock: SHARE UPDATE EXCLUSIVE on source.b
ALTER TABLE "source"."b" SET WITHOUT CLUSTER;

-- lock: ACCESS EXCLUSIVE on source.d
ALTER TABLE "source"."d" REPLICA IDENTITY FULL;

-- lock: SHARE on source.c; hazards: index_build, blocks_writes
CREATE UNIQUE INDEX "c_id" ON "source"."c" USING "btree" (id);

-- lock: ACCESS EXCLUSIVE on source.c; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."c" REPLICA IDENTITY USING INDEX "c_id";

-- lock: SHARE UPDATE EXCLUSIVE on source.c
ALTER TABLE "source"."c" CLUSTER ON "c_id";

-- lock: ACCESS EXCLUSIVE on source.d
ALTER TABLE "source"."d" ADD CONSTRAINT "d_pkey" PRIMARY KEY (id);

-- lock: SHARE UPDATE EXCLUSIVE on source.d
ALTER TABLE "source"."d" CLUSTER ON "d_pkey";
