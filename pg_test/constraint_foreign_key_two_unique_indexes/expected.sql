SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.a; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."a" ADD CONSTRAINT "a_nnd" UNIQUE NULLS NOT DISTINCT (id);
