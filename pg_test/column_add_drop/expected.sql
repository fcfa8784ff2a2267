SET search_path TO pg_catalog, "source";

-- hazards: data_loss
ALTER TABLE "source"."items" DROP COLUMN "legacy_code";

-- hazards: data_loss
ALTER TABLE "source"."items" DROP COLUMN "legacy_note";

-- hazards: data_loss
ALTER TABLE "source"."people" DROP COLUMN "obsolete_flag";

ALTER TABLE "source"."items" ADD COLUMN "price" numeric(8,2) DEFAULT 0 NOT NULL;

ALTER TABLE "source"."items" ADD COLUMN "tags" text[];

ALTER TABLE "source"."people" ADD COLUMN "birth_date" date;

ALTER TABLE "source"."people" ADD COLUMN "email" character varying(255) DEFAULT ''::character varying NOT NULL;

ALTER TABLE "source"."people" ADD COLUMN "middle_name" text;
