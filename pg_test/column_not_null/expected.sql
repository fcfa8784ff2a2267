SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."accounts" ALTER COLUMN "becomes_optional" DROP NOT NULL;

ALTER TABLE "source"."accounts" ALTER COLUMN "becomes_required" SET NOT NULL;

ALTER TABLE "source"."accounts" ALTER COLUMN "required_with_default" SET NOT NULL;

ALTER TABLE "source"."accounts" ALTER COLUMN "required_with_default" SET DEFAULT false;
