SET search_path TO pg_catalog, "source";

DROP VIEW "source"."q";

-- hazards: data_loss
DROP TABLE "source"."data";

CREATE TABLE "source"."t_data" (
    "id" integer,
    "name" text
);

CREATE VIEW "source"."data" AS
SELECT id,
    name
   FROM t_data;

CREATE VIEW "source"."q" AS
SELECT id,
    name
   FROM data;
