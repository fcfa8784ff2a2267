SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.gone_view2; hazards: blocks_writes, blocks_reads
DROP VIEW "source"."gone_view2";

-- lock: ACCESS EXCLUSIVE on source.gone_view; hazards: blocks_writes, blocks_reads
DROP VIEW "source"."gone_view";

-- lock: ACCESS EXCLUSIVE on source.gone; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."gone";
