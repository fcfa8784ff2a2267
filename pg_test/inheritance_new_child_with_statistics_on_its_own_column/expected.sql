SET search_path TO pg_catalog, "source";

CREATE TABLE "source"."child" (
    "c" integer,
    "d" text
) INHERITS ("source"."parent");

-- lock: SHARE UPDATE EXCLUSIVE on source.child
ALTER TABLE "source"."child" ALTER COLUMN "c" SET STATISTICS 100;

-- lock: ACCESS EXCLUSIVE on source.child
ALTER TABLE "source"."child" ALTER COLUMN "d" SET STORAGE MAIN;
