SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.doomed_seq; hazards: data_loss, blocks_writes, blocks_reads
DROP SEQUENCE "source"."doomed_seq";

CREATE SEQUENCE "source"."descending_seq" AS bigint START WITH -1 INCREMENT BY -1 MINVALUE -1000 MAXVALUE -1 CACHE 1 NO CYCLE;

CREATE SEQUENCE "source"."full_options_seq" AS integer START WITH 20 INCREMENT BY 3 MINVALUE 10 MAXVALUE 100000 CACHE 5 CYCLE;

-- lock: SHARE ROW EXCLUSIVE on source.altered_seq; hazards: blocks_writes
ALTER SEQUENCE "source"."altered_seq" INCREMENT BY 2 MINVALUE 0 MAXVALUE 5000 CACHE 10 CYCLE;

-- lock: SHARE ROW EXCLUSIVE on source.retyped_seq; hazards: blocks_writes
ALTER SEQUENCE "source"."retyped_seq" AS bigint MINVALUE 1 MAXVALUE 9223372036854775807;
