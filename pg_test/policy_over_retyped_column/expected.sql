SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads, breaks_dependents, authz_change
DROP POLICY "by_tenant" ON "source"."items";

-- lock: ACCESS EXCLUSIVE on source.items; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."items" ALTER COLUMN "tenant" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads, authz_change
CREATE POLICY "by_tenant" ON "source"."items" AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant > 0));
