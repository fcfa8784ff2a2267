SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."doc" ALTER COLUMN "body" TYPE text;

ALTER TABLE "source"."doc" ALTER COLUMN "body" SET COMPRESSION pglz;

ALTER TABLE "source"."doc" ALTER COLUMN "note" TYPE text;

ALTER TABLE "source"."doc" ALTER COLUMN "note" SET COMPRESSION pglz;
