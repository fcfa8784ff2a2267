SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."t";

-- lock: ACCESS EXCLUSIVE on source.r; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."r" DROP CONSTRAINT "r_pkey";

CREATE TABLE "source"."t" (
    "a" integer,
    "b" integer
) PARTITION BY LIST (a);

CREATE TABLE "source"."t1" PARTITION OF "source"."t" FOR VALUES IN (1);

-- lock: ACCESS EXCLUSIVE on source.r; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."r" ALTER COLUMN "x" SET NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.r; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."r" ADD CONSTRAINT "r_pkey" PRIMARY KEY (id, x);
