SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.open_items; hazards: blocks_writes, blocks_reads
CREATE OR REPLACE VIEW "source"."open_items" WITH (check_option='local') AS
SELECT items.id,
    items.qty,
    items.status
   FROM items
  WHERE (items.status = 'open'::text);

-- lock: ACCESS EXCLUSIVE on source.open_items; hazards: blocks_writes, blocks_reads
ALTER VIEW "source"."open_items" ALTER COLUMN "qty" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.open_items; hazards: blocks_writes, blocks_reads
ALTER VIEW "source"."open_items" ALTER COLUMN "status" SET DEFAULT 'open'::text;
