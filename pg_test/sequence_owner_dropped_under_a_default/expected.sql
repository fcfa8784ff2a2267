SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."consumer" DROP COLUMN "doubled";

ALTER TABLE "source"."consumer" ALTER COLUMN "n" DROP DEFAULT;

-- hazards: data_loss
ALTER TABLE "source"."owner_table" DROP COLUMN "legacy";

ALTER TABLE "source"."consumer" ALTER COLUMN "n" TYPE bigint;

ALTER TABLE "source"."consumer" ADD COLUMN "doubled" bigint GENERATED ALWAYS AS ((n * 2)) STORED;
