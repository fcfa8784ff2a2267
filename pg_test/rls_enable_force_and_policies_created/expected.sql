SET search_path TO pg_catalog, "source";

CREATE TABLE "source"."fresh" (
    "id" integer,
    "tenant" integer
);

-- lock: ACCESS EXCLUSIVE on source.fresh; hazards: authz_change
ALTER TABLE "source"."fresh" ENABLE ROW LEVEL SECURITY;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads, authz_change
ALTER TABLE "source"."accounts" ENABLE ROW LEVEL SECURITY;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads, authz_change
ALTER TABLE "source"."accounts" FORCE ROW LEVEL SECURITY;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads, authz_change
CREATE POLICY "No negative; ever" ON "source"."accounts" AS RESTRICTIVE FOR INSERT TO "migra_tenant" WITH CHECK ((amount >= 0));

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads, authz_change
CREATE POLICY "own_rows" ON "source"."accounts" AS PERMISSIVE FOR ALL TO PUBLIC USING ((owner = CURRENT_USER));

-- lock: ACCESS EXCLUSIVE on source.fresh; hazards: authz_change
CREATE POLICY "tenant_rows" ON "source"."fresh" AS PERMISSIVE FOR SELECT TO PUBLIC USING ((tenant = 1));
