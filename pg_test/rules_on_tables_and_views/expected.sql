SET search_path TO pg_catalog, "source";

DROP RULE "gone" ON "source"."item";

DROP RULE "log insert" ON "source"."item";

ALTER TABLE "source"."item_log" ADD COLUMN "at" timestamp with time zone DEFAULT now();

ALTER TABLE "source"."item_log" ALTER COLUMN "qty" TYPE bigint;

CREATE RULE "view_delete" AS ON DELETE TO "source"."item_view" DO INSTEAD  DELETE FROM item
  WHERE (item.id = old.id);

CREATE RULE "log insert" AS ON INSERT TO "source"."item" DO  INSERT INTO item_log (id, qty)
  VALUES (new.id, new.qty);

CREATE OR REPLACE RULE "no_delete" AS ON DELETE TO "source"."item"
   WHERE (old.qty > 0) DO INSTEAD NOTHING;

ALTER TABLE "source"."item" DISABLE RULE "no_delete";

COMMENT ON RULE "view_delete" ON "source"."item_view" IS 'deletes go to the table';
