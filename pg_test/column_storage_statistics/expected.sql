SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."documents" ALTER COLUMN "blob" SET STORAGE EXTENDED;

ALTER TABLE "source"."documents" ALTER COLUMN "body" SET STORAGE EXTERNAL;

ALTER TABLE "source"."documents" ALTER COLUMN "category" SET STATISTICS 500;

ALTER TABLE "source"."documents" ALTER COLUMN "owner_id" SET STATISTICS -1;

ALTER TABLE "source"."documents" ALTER COLUMN "summary" SET STORAGE MAIN;
