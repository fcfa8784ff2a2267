SET search_path TO pg_catalog, "source";

DROP TRIGGER "trigger_on_view" ON "source"."view_on_table";

DROP VIEW "source"."view_on_table";

ALTER TABLE "source"."my_table" ADD COLUMN "some_date" timestamp without time zone;

CREATE VIEW "source"."view_on_table" AS
SELECT some_text,
    some_date,
    some_count
   FROM my_table;

CREATE TRIGGER "trigger_on_view" INSTEAD OF INSERT ON "source"."view_on_table" FOR EACH ROW EXECUTE FUNCTION my_function();
