SET search_path TO pg_catalog, "source";

DROP POLICY "p1" ON "source"."items";

DROP POLICY "p2" ON "source"."items";

DROP POLICY "p3" ON "source"."items";

CREATE POLICY "p1" ON "source"."items" AS PERMISSIVE FOR UPDATE TO PUBLIC USING ((tenant = 1));

CREATE POLICY "p2" ON "source"."items" AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant = 1));

CREATE POLICY "p3" ON "source"."items" AS RESTRICTIVE FOR ALL TO PUBLIC USING (true);
