SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.products; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."products" DROP CONSTRAINT "products_discount_check";

-- lock: ACCESS EXCLUSIVE on source.products; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."products" DROP CONSTRAINT "products_price_check";

-- lock: ACCESS EXCLUSIVE on source.products; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."products" ADD CONSTRAINT "products_quantity_check" CHECK ((quantity >= 0)) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.products; hazards: validates_rows
ALTER TABLE "source"."products" VALIDATE CONSTRAINT "products_quantity_check";

-- lock: ACCESS EXCLUSIVE on source.products; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."products" ADD CONSTRAINT "products_sku_check" CHECK ((sku ~ '^[A-Z]{3}-[0-9]+$'::text)) NOT VALID;

-- lock: ACCESS EXCLUSIVE on source.products; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."products" ADD CONSTRAINT "products_price_check" CHECK (((price >= (0)::numeric) AND (price < (1000000)::numeric))) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.products; hazards: validates_rows
ALTER TABLE "source"."products" VALIDATE CONSTRAINT "products_price_check";

-- lock: SHARE UPDATE EXCLUSIVE on source.products; hazards: validates_rows
ALTER TABLE "source"."products" VALIDATE CONSTRAINT "products_weight_check";
