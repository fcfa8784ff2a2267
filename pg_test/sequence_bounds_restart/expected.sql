SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "id" SET START WITH 1 SET INCREMENT BY 1 SET MINVALUE 1 SET MAXVALUE 2147483647 RESTART WITH 1;

-- lock: SHARE ROW EXCLUSIVE on source.descending; hazards: data_loss, blocks_writes
ALTER SEQUENCE "source"."descending" START WITH -1 INCREMENT BY -1 MINVALUE -9223372036854775808 MAXVALUE -1 RESTART WITH -1;

-- lock: SHARE ROW EXCLUSIVE on source.raised; hazards: data_loss, blocks_writes
ALTER SEQUENCE "source"."raised" START WITH 10 MINVALUE 10 RESTART WITH 10;
