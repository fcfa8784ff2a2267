SET search_path TO pg_catalog, "source";

ALTER POLICY "by_tenant" ON "source"."items" TO PUBLIC USING ((tenant = 2)) WITH CHECK ((tenant = 2));

ALTER POLICY "readable" ON "source"."items" TO PUBLIC USING ((public OR (tenant = 0)));
