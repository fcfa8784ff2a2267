SET search_path TO pg_catalog, "source";

CREATE COLLATION "source"."Case Insensitive" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

ALTER TABLE "source"."t" ADD COLUMN "c" text COLLATE "numeric";

ALTER TABLE "source"."t" ADD COLUMN "d" text COLLATE "Case Insensitive";

ALTER TABLE "source"."t" ALTER COLUMN "b" TYPE text COLLATE "numeric";

DROP COLLATION "source"."posix";
