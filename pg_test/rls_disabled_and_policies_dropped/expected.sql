SET search_path TO pg_catalog, "source";

DROP POLICY "mine" ON "source"."docs";

DROP POLICY "theirs" ON "source"."docs";

ALTER TABLE "source"."docs" DISABLE ROW LEVEL SECURITY;

ALTER TABLE "source"."docs" NO FORCE ROW LEVEL SECURITY;
