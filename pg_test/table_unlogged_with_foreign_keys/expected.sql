SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.children; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."children" SET UNLOGGED;

-- lock: ACCESS EXCLUSIVE on source.parents; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."parents" SET UNLOGGED;

-- lock: ACCESS EXCLUSIVE on source.u_parents; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."u_parents" SET LOGGED;

-- lock: ACCESS EXCLUSIVE on source.u_children; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."u_children" SET LOGGED;
