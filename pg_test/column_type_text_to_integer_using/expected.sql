SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.order_lines; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."order_lines_quantity";

-- lock: ACCESS EXCLUSIVE on source.order_lines; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."order_lines" ALTER COLUMN "quantity" DROP DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.order_lines; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."order_lines" ALTER COLUMN "quantity" TYPE integer USING nullif(btrim(quantity), '')::integer;

-- lock: ACCESS EXCLUSIVE on source.order_lines; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."order_lines" ALTER COLUMN "quantity" SET DEFAULT 1;

-- lock: SHARE on source.order_lines; hazards: index_build, blocks_writes
CREATE INDEX "order_lines_quantity" ON "source"."order_lines" USING "btree" (quantity);

-- lock: ACCESS EXCLUSIVE on source.order_lines; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."order_lines" ADD CONSTRAINT "order_lines_quantity_check" CHECK ((quantity > 0)) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.order_lines; hazards: validates_rows
ALTER TABLE "source"."order_lines" VALIDATE CONSTRAINT "order_lines_quantity_check";
