SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.docs; hazards: blocks_writes, blocks_reads, authz_change
DROP POLICY "mine" ON "source"."docs";

-- lock: ACCESS EXCLUSIVE on source.docs; hazards: blocks_writes, blocks_reads, authz_change
DROP POLICY "theirs" ON "source"."docs";

-- lock: ACCESS EXCLUSIVE on source.docs; hazards: blocks_writes, blocks_reads, authz_change
ALTER TABLE "source"."docs" DISABLE ROW LEVEL SECURITY;

-- lock: ACCESS EXCLUSIVE on source.docs; hazards: blocks_writes, blocks_reads, authz_change
ALTER TABLE "source"."docs" NO FORCE ROW LEVEL SECURITY;
