SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.item; hazards: blocks_writes, blocks_reads
DROP RULE "gone" ON "source"."item";

-- lock: ACCESS EXCLUSIVE on source.item; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP RULE "log insert" ON "source"."item";

-- lock: ACCESS EXCLUSIVE on source.item_log; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."item_log" ADD COLUMN "at" timestamp with time zone DEFAULT now();

-- lock: ACCESS EXCLUSIVE on source.item_log; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."item_log" ALTER COLUMN "qty" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.item_view; hazards: blocks_writes, blocks_reads
CREATE RULE "view_delete" AS ON DELETE TO "source"."item_view" DO INSTEAD  DELETE FROM item
  WHERE (item.id = old.id);

-- lock: ACCESS EXCLUSIVE on source.item; hazards: blocks_writes, blocks_reads
CREATE RULE "log insert" AS ON INSERT TO "source"."item" DO  INSERT INTO item_log (id, qty)
  VALUES (new.id, new.qty);

-- lock: ACCESS EXCLUSIVE on source.item; hazards: blocks_writes, blocks_reads
CREATE OR REPLACE RULE "no_delete" AS ON DELETE TO "source"."item"
   WHERE (old.qty > 0) DO INSTEAD NOTHING;

-- lock: ACCESS EXCLUSIVE on source.item; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."item" DISABLE RULE "no_delete";

-- lock: ACCESS SHARE on source.item_view
COMMENT ON RULE "view_delete" ON "source"."item_view" IS 'deletes go to the table';
