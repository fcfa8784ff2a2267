SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."shapes" ALTER COLUMN "label" DROP EXPRESSION;

ALTER TABLE "source"."shapes" DROP COLUMN "area";

-- hazards: data_loss
ALTER TABLE "source"."shapes" DROP COLUMN "perimeter";

ALTER TABLE "source"."shapes" ADD COLUMN "is_square" boolean GENERATED ALWAYS AS ((width = height)) STORED;

ALTER TABLE "source"."shapes" ADD COLUMN "area" numeric GENERATED ALWAYS AS (round((width * height), 2)) STORED;

ALTER TABLE "source"."shapes" ADD COLUMN "perimeter" numeric GENERATED ALWAYS AS (((2)::numeric * (width + height))) STORED;
