SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.leaving; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."leaving" NO INHERIT "source"."stamped";

-- lock: ACCESS EXCLUSIVE on source.leaving; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."leaving" ALTER COLUMN "created_at" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.loose; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."loose" ALTER COLUMN "created_at" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.stamped; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."stamped" ALTER COLUMN "created_at" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.loose; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."loose" DROP COLUMN "e";

-- lock: ACCESS EXCLUSIVE on source.stamped; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE ONLY "source"."stamped" DROP COLUMN "e";

-- lock: ACCESS EXCLUSIVE on source.leaving; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."leaving" ADD COLUMN "tag" text;

-- lock: ACCESS EXCLUSIVE on source.leaving; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."leaving" ALTER COLUMN "created_at" TYPE timestamp with time zone USING "created_at"::timestamp with time zone;

-- lock: ACCESS EXCLUSIVE on source.leaving; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."leaving" ALTER COLUMN "created_at" SET DEFAULT clock_timestamp();

-- lock: ACCESS EXCLUSIVE on source.leaving; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."leaving" ALTER COLUMN "note" TYPE character varying(200);

-- lock: ACCESS EXCLUSIVE on source.stamped; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."stamped" ADD COLUMN "tag" text;

-- lock: ACCESS EXCLUSIVE on source.loose; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."loose" ADD COLUMN "tag" text;

-- lock: ACCESS EXCLUSIVE on source.stamped; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."stamped" ALTER COLUMN "created_at" TYPE timestamp with time zone USING "created_at"::timestamp with time zone;

-- lock: ACCESS EXCLUSIVE on source.stamped; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."stamped" ALTER COLUMN "created_at" SET DEFAULT clock_timestamp();

-- lock: ACCESS EXCLUSIVE on source.loose; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."loose" ALTER COLUMN "created_at" TYPE timestamp with time zone USING "created_at"::timestamp with time zone;

-- lock: ACCESS EXCLUSIVE on source.loose; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."loose" ALTER COLUMN "created_at" SET DEFAULT clock_timestamp();

-- lock: ACCESS EXCLUSIVE on source.stamped; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."stamped" ALTER COLUMN "note" TYPE character varying(200);

CREATE TABLE "source"."invoices" (
    "note" character varying(200) DEFAULT 'invoice'::character varying,
    "owner_id" integer DEFAULT 1 NOT NULL,
    "amount" numeric(12,2) NOT NULL
) INHERITS ("source"."stamped", "source"."owned");

-- lock: ACCESS EXCLUSIVE on source.loose; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."loose" ALTER COLUMN "note" TYPE character varying(200);

-- lock: ACCESS EXCLUSIVE on source.loose; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."loose" INHERIT "source"."stamped";
