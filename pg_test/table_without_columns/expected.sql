SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.loses_only_column; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."loses_only_column" DROP COLUMN "only_col";

CREATE TABLE "source"."brand_new_empty" ();

-- lock: ACCESS EXCLUSIVE on source.gains_first_column; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."gains_first_column" ADD COLUMN "first_col" text DEFAULT 'x'::text NOT NULL;
