SET search_path TO pg_catalog, "source";

-- hazards: data_loss
ALTER TABLE "source"."loses_only_column" DROP COLUMN "only_col";

CREATE TABLE "source"."brand_new_empty" ();

ALTER TABLE "source"."gains_first_column" ADD COLUMN "first_col" text DEFAULT 'x'::text NOT NULL;
