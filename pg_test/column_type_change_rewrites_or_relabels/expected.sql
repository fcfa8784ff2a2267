SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "bounded" TYPE character varying;

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "coarser" TYPE timestamp(0) without time zone;

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "collated" TYPE text COLLATE "C";

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "finer" TYPE timestamp(6) without time zone;

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "in_checked_domain" TYPE short_text USING "in_checked_domain"::text::short_text;

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "in_plain_domain" TYPE plain_text USING "in_plain_domain"::text::plain_text;

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "labels" TYPE text[];

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "limited" TYPE character varying(10);

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "more_digits" TYPE numeric(12,2);

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "more_scale" TYPE numeric(12,4);

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "narrowed" TYPE character varying(10);

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "network" TYPE inet USING "network"::inet;

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "unbounded" TYPE text;

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "widened" TYPE character varying(20);

-- lock: ACCESS EXCLUSIVE on source.conversions; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."conversions" ALTER COLUMN "wider" TYPE bigint;
