SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.x; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."x" ADD CONSTRAINT "ck" CHECK ((a > 0));

-- lock: ACCESS EXCLUSIVE on source.y; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."y" ADD CONSTRAINT "pck" CHECK ((b <> ''::text));

-- lock: ACCESS EXCLUSIVE on source.y; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."y" ADD CONSTRAINT "ck" CHECK ((a > 0));

-- lock: ACCESS EXCLUSIVE on source.x; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ATTACH PARTITION "source"."x" FOR VALUES FROM (10) TO (20);

-- lock: ACCESS EXCLUSIVE on source.y; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."p" ATTACH PARTITION "source"."y" FOR VALUES IN ('y');
