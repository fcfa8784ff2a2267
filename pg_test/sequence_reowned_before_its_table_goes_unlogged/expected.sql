SET search_path TO pg_catalog, "source";

-- lock: SHARE ROW EXCLUSIVE on source.a_id_seq; hazards: blocks_writes
ALTER SEQUENCE "source"."a_id_seq" OWNED BY "source"."b"."id";

-- lock: ACCESS EXCLUSIVE on source.a; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."a" SET UNLOGGED;
