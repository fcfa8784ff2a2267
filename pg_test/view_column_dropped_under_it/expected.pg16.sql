SET search_path TO pg_catalog, "source";

DROP VIEW "source"."v";

-- hazards: data_loss
ALTER TABLE "source"."t" DROP COLUMN "legacy";

CREATE VIEW "source"."v" AS
SELECT id,
    name
   FROM t;
