SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.narrow; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."narrow" DROP CONSTRAINT "narrow_pkey";

-- lock: ACCESS EXCLUSIVE on source.widen; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."widen" DROP CONSTRAINT "widen_pkey";

-- lock: ACCESS EXCLUSIVE on source.narrow; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."narrow" ALTER COLUMN "id" TYPE smallint;

-- lock: ACCESS EXCLUSIVE on source.widen; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."widen" ALTER COLUMN "id" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.widen; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."widen" ALTER COLUMN "id" SET MAXVALUE 9223372036854775807;

-- lock: ACCESS EXCLUSIVE on source.narrow; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."narrow" ADD CONSTRAINT "narrow_pkey" PRIMARY KEY (id);

-- lock: ACCESS EXCLUSIVE on source.widen; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."widen" ADD CONSTRAINT "widen_pkey" PRIMARY KEY (id);
