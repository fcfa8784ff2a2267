SET search_path TO pg_catalog, "source";

DROP POLICY "by_tenant" ON "source"."items";

ALTER TABLE "source"."items" ALTER COLUMN "tenant" TYPE bigint;

CREATE POLICY "by_tenant" ON "source"."items" AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant > 0));
