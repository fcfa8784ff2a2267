SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.view_on_table; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP TRIGGER "trigger_on_view" ON "source"."view_on_table";

-- lock: ACCESS EXCLUSIVE on source.view_on_table; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."view_on_table";

-- lock: ACCESS EXCLUSIVE on source.my_table; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."my_table" ADD COLUMN "some_date" timestamp without time zone;

CREATE VIEW "source"."view_on_table" AS
SELECT my_table.some_text,
    my_table.some_date,
    my_table.some_count
   FROM my_table;

-- lock: SHARE ROW EXCLUSIVE on source.view_on_table
CREATE TRIGGER "trigger_on_view" INSTEAD OF INSERT ON "source"."view_on_table" FOR EACH ROW EXECUTE FUNCTION my_function();
