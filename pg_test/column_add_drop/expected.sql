SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.items; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."items" DROP COLUMN "legacy_code";

-- lock: ACCESS EXCLUSIVE on source.items; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."items" DROP COLUMN "legacy_note";

-- lock: ACCESS EXCLUSIVE on source.people; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."people" DROP COLUMN "obsolete_flag";

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."items" ADD COLUMN "price" numeric(8,2) DEFAULT 0 NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."items" ADD COLUMN "tags" text[];

-- lock: ACCESS EXCLUSIVE on source.people; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."people" ADD COLUMN "birth_date" date;

-- lock: ACCESS EXCLUSIVE on source.people; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."people" ADD COLUMN "email" character varying(255) DEFAULT ''::character varying NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.people; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."people" ADD COLUMN "middle_name" text;
