SET search_path TO "source", pg_catalog;

ALTER TABLE "source"."accounts" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;

ALTER TABLE "source"."transfers" ALTER COLUMN "from_account" TYPE bigint USING "from_account"::bigint;

ALTER TABLE "source"."transfers" ALTER COLUMN "to_account" TYPE bigint USING "to_account"::bigint;
