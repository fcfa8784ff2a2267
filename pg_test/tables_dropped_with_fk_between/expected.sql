SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.cyc_a; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."cyc_a" DROP CONSTRAINT "cyc_a_b_id_fkey";

-- lock: ACCESS EXCLUSIVE on source.cyc_a; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."cyc_a" DROP CONSTRAINT "cyc_a_kept_id_fkey";

-- lock: ACCESS EXCLUSIVE on source.cyc_b; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."cyc_b" DROP CONSTRAINT "cyc_b_a_id_fkey";

-- lock: ACCESS EXCLUSIVE on source.cyc_a; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."cyc_a";

-- lock: ACCESS EXCLUSIVE on source.cyc_b; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."cyc_b";

-- lock: ACCESS EXCLUSIVE on source.self_ref; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."self_ref";
