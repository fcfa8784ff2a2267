SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.obsolete; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."obsolete" DROP CONSTRAINT "obsolete_kept_id_fkey";

-- lock: ACCESS EXCLUSIVE on source.obsolete; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."obsolete";
