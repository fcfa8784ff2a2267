SET search_path TO pg_catalog, "source";

DROP VIEW "source"."sorted";

DROP INDEX "source"."product_code";

DROP INDEX "source"."product_name";

ALTER COLLATION "source"."sorting" RENAME TO "sorting__migra_old";

CREATE COLLATION "source"."sorting" (provider = icu, locale = 'en-u-kn-true');

ALTER TABLE "source"."product" ALTER COLUMN "code" TYPE text COLLATE sorting USING "code"::text;

CREATE INDEX "product_code" ON "source"."product" USING "btree" (code);

CREATE INDEX "product_name" ON "source"."product" USING "btree" (name COLLATE sorting);

CREATE VIEW "source"."sorted" AS
SELECT product.code
   FROM product
  ORDER BY (product.name COLLATE sorting);

DROP COLLATION "source"."sorting__migra_old";
