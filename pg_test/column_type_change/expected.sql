SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" DROP CONSTRAINT "conversions_pkey";

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "code" TYPE text;

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "counter" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "description" TYPE character varying(10);

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "flag" TYPE integer;

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "id" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "ids" TYPE bigint[];

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "price" TYPE numeric(12,4);

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "short_name" TYPE character varying(20);

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "stamp" TYPE timestamp(3) with time zone USING "stamp"::timestamp(3) with time zone;

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ADD CONSTRAINT "conversions_pkey" PRIMARY KEY (id);
