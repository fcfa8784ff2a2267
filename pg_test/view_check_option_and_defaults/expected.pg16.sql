SET search_path TO pg_catalog, "source";

CREATE OR REPLACE VIEW "source"."open_items" WITH (check_option='local') AS
SELECT id,
    qty,
    status
   FROM items
  WHERE (status = 'open'::text);

ALTER VIEW "source"."open_items" ALTER COLUMN "qty" DROP DEFAULT;

ALTER VIEW "source"."open_items" ALTER COLUMN "status" SET DEFAULT 'open'::text;
