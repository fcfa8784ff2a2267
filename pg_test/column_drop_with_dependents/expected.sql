SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."articles" DROP CONSTRAINT "articles_category_code_fkey";

ALTER TABLE "source"."categories" DROP CONSTRAINT "categories_legacy_code_key";

ALTER TABLE "source"."categories" DROP CONSTRAINT "categories_old_rank_check";

DROP INDEX "source"."categories_old_rank_idx";

-- hazards: data_loss
ALTER TABLE "source"."articles" DROP COLUMN "category_code";

-- hazards: data_loss
ALTER TABLE "source"."categories" DROP COLUMN "legacy_code";

-- hazards: data_loss
ALTER TABLE "source"."categories" DROP COLUMN "old_rank";

ALTER TABLE "source"."articles" ADD COLUMN "category_id" integer;

ALTER TABLE "source"."articles" ADD CONSTRAINT "articles_category_id_fkey" FOREIGN KEY (category_id) REFERENCES categories(id) NOT VALID;

ALTER TABLE "source"."articles" VALIDATE CONSTRAINT "articles_category_id_fkey";
