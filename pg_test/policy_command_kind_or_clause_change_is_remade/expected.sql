SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads, breaks_dependents, authz_change
DROP POLICY "p1" ON "source"."items";

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads, breaks_dependents, authz_change
DROP POLICY "p2" ON "source"."items";

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads, breaks_dependents, authz_change
DROP POLICY "p3" ON "source"."items";

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads, authz_change
CREATE POLICY "p1" ON "source"."items" AS PERMISSIVE FOR UPDATE TO PUBLIC USING ((tenant = 1));

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads, authz_change
CREATE POLICY "p2" ON "source"."items" AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant = 1));

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads, authz_change
CREATE POLICY "p3" ON "source"."items" AS RESTRICTIVE FOR ALL TO PUBLIC USING (true);
