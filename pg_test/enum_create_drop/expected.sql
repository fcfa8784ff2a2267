SET search_path TO pg_catalog, "source";

-- hazards: data_loss
ALTER TABLE "source"."person" DROP COLUMN "feeling";

CREATE TYPE "source"."colour" AS ENUM ('red', 'green', 'blue');

ALTER TABLE "source"."person" ADD COLUMN "favourite" colour DEFAULT 'green'::colour;

ALTER TABLE "source"."person" ADD COLUMN "odd" "Weird ""Name"""[];

DROP TYPE "source"."mood";
