SET search_path TO pg_catalog, "source";

-- lock: SHARE ROW EXCLUSIVE on source.disowned_seq; hazards: blocks_writes
ALTER SEQUENCE "source"."disowned_seq" OWNED BY NONE;

-- lock: SHARE ROW EXCLUSIVE on source.retired_id_seq; hazards: blocks_writes
ALTER SEQUENCE "source"."retired_id_seq" OWNED BY NONE;

-- lock: ACCESS EXCLUSIVE on source.retired; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."retired";

CREATE SEQUENCE "source"."new_serial_table_id_seq" AS smallint START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 32767 CACHE 1 NO CYCLE;

CREATE SEQUENCE "source"."new_serial_table_ref_seq" AS bigint START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE;

CREATE TABLE "source"."new_serial_table" (
    "id" smallint DEFAULT nextval('new_serial_table_id_seq'::regclass) NOT NULL,
    "ref" bigint DEFAULT nextval('new_serial_table_ref_seq'::regclass) NOT NULL
);

-- lock: SHARE ROW EXCLUSIVE on source.new_serial_table_id_seq
ALTER SEQUENCE "source"."new_serial_table_id_seq" OWNED BY "source"."new_serial_table"."id";

-- lock: SHARE ROW EXCLUSIVE on source.new_serial_table_ref_seq
ALTER SEQUENCE "source"."new_serial_table_ref_seq" OWNED BY "source"."new_serial_table"."ref";

-- lock: SHARE ROW EXCLUSIVE on source.adopted_seq; hazards: blocks_writes
ALTER SEQUENCE "source"."adopted_seq" OWNED BY "source"."gains_serial"."id";

-- lock: SHARE ROW EXCLUSIVE on source.moving_seq; hazards: blocks_writes
ALTER SEQUENCE "source"."moving_seq" OWNED BY "source"."tickets"."alt_no2";

-- lock: ACCESS EXCLUSIVE on source.new_serial_table
ALTER TABLE "source"."new_serial_table" ADD CONSTRAINT "new_serial_table_pkey" PRIMARY KEY (id);
