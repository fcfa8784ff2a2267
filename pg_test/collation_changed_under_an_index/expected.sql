SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.sorted; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."sorted";

-- lock: ACCESS EXCLUSIVE on source.product; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."product_code";

-- lock: ACCESS EXCLUSIVE on source.product; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."product_name";

ALTER COLLATION "source"."sorting" RENAME TO "sorting__migra_old";

CREATE COLLATION "source"."sorting" (provider = icu, locale = 'en-u-kn-true');

-- lock: ACCESS EXCLUSIVE on source.product; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."product" ALTER COLUMN "code" TYPE text COLLATE sorting USING "code"::text;

-- lock: SHARE on source.product; hazards: index_build, blocks_writes
CREATE INDEX "product_code" ON "source"."product" USING "btree" (code);

-- lock: SHARE on source.product; hazards: index_build, blocks_writes
CREATE INDEX "product_name" ON "source"."product" USING "btree" (name COLLATE sorting);

CREATE VIEW "source"."sorted" AS
SELECT product.code
   FROM product
  ORDER BY (product.name COLLATE sorting);

DROP COLLATION "source"."sorting__migra_old";
