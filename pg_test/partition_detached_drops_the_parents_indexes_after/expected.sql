SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.p; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" DETACH PARTITION "source"."p";

-- lock: ACCESS EXCLUSIVE on source.p; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."p_b_idx";

-- lock: ACCESS EXCLUSIVE on source.p; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."p_c_idx";
