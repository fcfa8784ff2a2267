SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" DROP CONSTRAINT "t_b_fk";

-- lock: ACCESS EXCLUSIVE on source.r; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."r" DROP CONSTRAINT "r_pkey";

-- lock: ACCESS EXCLUSIVE on source.q; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."q";

-- lock: ACCESS EXCLUSIVE on source.r; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."r" ALTER COLUMN "id" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "b" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.r; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."r" ADD CONSTRAINT "r_pkey" PRIMARY KEY (id);

-- lock: SHARE ROW EXCLUSIVE on source.t; hazards: validates_rows, blocks_writes
ALTER TABLE "source"."t" ADD CONSTRAINT "t_b_fk" FOREIGN KEY (b) REFERENCES r(id);
