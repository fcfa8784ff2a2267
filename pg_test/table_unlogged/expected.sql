SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.becomes_logged; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."becomes_logged" SET LOGGED;

-- lock: ACCESS EXCLUSIVE on source.becomes_unlogged; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."becomes_unlogged" SET UNLOGGED;
