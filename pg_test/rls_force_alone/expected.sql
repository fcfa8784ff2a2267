SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.docs; hazards: blocks_writes, blocks_reads, authz_change
ALTER TABLE "source"."docs" FORCE ROW LEVEL SECURITY;
