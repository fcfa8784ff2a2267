SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.articles; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."articles" DROP CONSTRAINT "articles_category_code_fkey";

-- lock: ACCESS EXCLUSIVE on source.categories; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."categories" DROP CONSTRAINT "categories_legacy_code_key";

-- lock: ACCESS EXCLUSIVE on source.categories; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."categories" DROP CONSTRAINT "categories_old_rank_check";

-- lock: ACCESS EXCLUSIVE on source.categories; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."categories_old_rank_idx";

-- lock: ACCESS EXCLUSIVE on source.articles; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."articles" DROP COLUMN "category_code";

-- lock: ACCESS EXCLUSIVE on source.categories; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."categories" DROP COLUMN "legacy_code";

-- lock: ACCESS EXCLUSIVE on source.categories; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."categories" DROP COLUMN "old_rank";

-- lock: ACCESS EXCLUSIVE on source.articles; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."articles" ADD COLUMN "category_id" integer;

-- lock: SHARE ROW EXCLUSIVE on source.articles; hazards: blocks_writes
ALTER TABLE "source"."articles" ADD CONSTRAINT "articles_category_id_fkey" FOREIGN KEY (category_id) REFERENCES categories(id) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.articles; hazards: validates_rows
ALTER TABLE "source"."articles" VALIDATE CONSTRAINT "articles_category_id_fkey";
