SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.shapes; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."shapes" ALTER COLUMN "label" DROP EXPRESSION;

-- lock: ACCESS EXCLUSIVE on source.shapes; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."shapes" DROP COLUMN "area";

-- lock: ACCESS EXCLUSIVE on source.shapes; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."shapes" DROP COLUMN "perimeter";

-- lock: ACCESS EXCLUSIVE on source.shapes; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."shapes" ADD COLUMN "is_square" boolean GENERATED ALWAYS AS ((width = height)) STORED;

-- lock: ACCESS EXCLUSIVE on source.shapes; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."shapes" ADD COLUMN "area" numeric GENERATED ALWAYS AS (round((width * height), 2)) STORED;

-- lock: ACCESS EXCLUSIVE on source.shapes; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."shapes" ADD COLUMN "perimeter" numeric GENERATED ALWAYS AS (((2)::numeric * (width + height))) STORED;
