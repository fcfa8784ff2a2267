SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

CREATE FUNCTION "source"."Total; Of"("Lines" integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
RETURN ("Lines" * 2);

CREATE VIEW "source"."Line ""Totals"" Ü" AS
SELECT "Order Lines"."select",
    sum("Order Lines"."Qty") AS "Sum Ü"
   FROM "Order Lines"
  GROUP BY "Order Lines"."select";

CREATE VIEW "source"."select" AS
SELECT "Total; Of"("Order Lines"."select") AS "from"
   FROM "Order Lines";
