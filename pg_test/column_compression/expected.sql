SET search_path TO pg_catalog, "source";

CREATE TABLE "source"."other" (
    "note" text COMPRESSION pglz
);

ALTER TABLE "source"."doc" ADD COLUMN "extra" text COMPRESSION pglz;

ALTER TABLE "source"."doc" ALTER COLUMN "body" SET COMPRESSION default;

ALTER TABLE "source"."doc" ALTER COLUMN "meta" SET COMPRESSION pglz;
