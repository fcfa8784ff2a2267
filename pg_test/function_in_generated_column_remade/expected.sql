SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

DROP VIEW "source"."big";

DROP INDEX "source"."t_g";

ALTER TABLE "source"."t" DROP COLUMN "g";

DROP FUNCTION "source".twice(v integer);

CREATE FUNCTION "source"."twice"(w integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
RETURN (w * 2);

ALTER TABLE "source"."t" ADD COLUMN "g" integer GENERATED ALWAYS AS (twice(a)) STORED;

CREATE INDEX "t_g" ON "source"."t" USING "btree" (g);

CREATE VIEW "source"."big" AS
SELECT t.a
   FROM t
  WHERE (t.g > 10);
