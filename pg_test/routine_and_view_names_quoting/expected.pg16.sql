SET search_path TO pg_catalog, "source";

CREATE FUNCTION "source"."Total; Of"("Lines" integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
RETURN ("Lines" * 2);

CREATE VIEW "source"."Line ""Totals"" Ü" AS
SELECT "select",
    sum("Qty") AS "Sum Ü"
   FROM "Order Lines"
  GROUP BY "select";

CREATE VIEW "source"."select" AS
SELECT "Total; Of"("select") AS "from"
   FROM "Order Lines";
