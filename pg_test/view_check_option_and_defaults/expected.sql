SET search_path TO pg_catalog, "source";

CREATE OR REPLACE VIEW "source"."open_items" WITH (check_option='local') AS
SELECT items.id,
    items.qty,
    items.status
   FROM items
  WHERE (items.status = 'open'::text);

ALTER VIEW "source"."open_items" ALTER COLUMN "qty" DROP DEFAULT;

ALTER VIEW "source"."open_items" ALTER COLUMN "status" SET DEFAULT 'open'::text;
