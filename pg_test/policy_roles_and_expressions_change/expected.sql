SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads, authz_change
ALTER POLICY "by_tenant" ON "source"."items" TO PUBLIC USING ((tenant = 2)) WITH CHECK ((tenant = 2));

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads, authz_change
ALTER POLICY "readable" ON "source"."items" TO PUBLIC USING ((public OR (tenant = 0)));
