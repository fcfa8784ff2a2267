SET search_path TO pg_catalog, "source";

DROP INDEX "source"."t_c";

ALTER TABLE "source"."t" ALTER COLUMN "b" DROP DEFAULT;

ALTER COLLATION "source"."sorting" RENAME TO "sorting__migra_old";

CREATE COLLATION "source"."sorting" (provider = icu, locale = 'sv');

ALTER TABLE "source"."t" ALTER COLUMN "a" TYPE text COLLATE sorting USING "a"::text;

ALTER TABLE "source"."t" ALTER COLUMN "a" SET COMPRESSION pglz;

ALTER TABLE "source"."t" ALTER COLUMN "b" TYPE text COLLATE sorting USING "b"::text;

ALTER TABLE "source"."t" ALTER COLUMN "b" SET NOT NULL;

ALTER TABLE "source"."t" ALTER COLUMN "b" SET DEFAULT 'y'::text;

ALTER TABLE "source"."t" ALTER COLUMN "c" TYPE text COLLATE sorting USING "c"::text;

CREATE INDEX "t_c" ON "source"."t" USING "btree" (c);

DROP COLLATION "source"."sorting__migra_old";
