SET search_path TO "source", pg_catalog;

-- hazards: data_loss
ALTER TABLE "source"."narrow" ALTER COLUMN "id" TYPE smallint USING "id"::smallint;

ALTER TABLE "source"."widen" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;

ALTER TABLE "source"."widen" ALTER COLUMN "id" SET MAXVALUE 9223372036854775807;
