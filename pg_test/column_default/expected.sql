SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."settings" ALTER COLUMN "changes_default" DROP DEFAULT;

ALTER TABLE "source"."settings" ALTER COLUMN "expr_default" DROP DEFAULT;

ALTER TABLE "source"."settings" ALTER COLUMN "loses_default" DROP DEFAULT;

ALTER TABLE "source"."settings" ALTER COLUMN "retyped" DROP DEFAULT;

ALTER TABLE "source"."settings" ALTER COLUMN "changes_default" SET DEFAULT 'new'::text;

ALTER TABLE "source"."settings" ALTER COLUMN "expr_default" SET DEFAULT (now() + '1 day'::interval);

ALTER TABLE "source"."settings" ALTER COLUMN "gains_default" SET DEFAULT 42;

-- hazards: data_loss
ALTER TABLE "source"."settings" ALTER COLUMN "retyped" TYPE text;

ALTER TABLE "source"."settings" ALTER COLUMN "retyped" SET DEFAULT 'zero'::text;
