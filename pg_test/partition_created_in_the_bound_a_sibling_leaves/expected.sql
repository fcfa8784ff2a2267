SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.moved; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" DETACH PARTITION "source"."moved";

-- lock: ACCESS EXCLUSIVE on source.moved; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ATTACH PARTITION "source"."moved" FOR VALUES WITH (modulus 3, remainder 0);

CREATE TABLE "source"."taken" PARTITION OF "source"."t" FOR VALUES WITH (modulus 3, remainder 2);
