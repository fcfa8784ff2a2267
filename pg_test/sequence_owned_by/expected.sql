SET search_path TO pg_catalog, "source";

ALTER SEQUENCE "source"."disowned_seq" OWNED BY NONE;

ALTER SEQUENCE "source"."retired_id_seq" OWNED BY NONE;

-- hazards: data_loss
DROP TABLE "source"."retired";

CREATE SEQUENCE "source"."new_serial_table_id_seq" AS smallint START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 32767 CACHE 1 NO CYCLE;

CREATE SEQUENCE "source"."new_serial_table_ref_seq" AS bigint START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE;

CREATE TABLE "source"."new_serial_table" (
    "id" smallint DEFAULT nextval('new_serial_table_id_seq'::regclass) NOT NULL,
    "ref" bigint DEFAULT nextval('new_serial_table_ref_seq'::regclass) NOT NULL
);

ALTER SEQUENCE "source"."new_serial_table_id_seq" OWNED BY "source"."new_serial_table"."id";

ALTER SEQUENCE "source"."new_serial_table_ref_seq" OWNED BY "source"."new_serial_table"."ref";

ALTER SEQUENCE "source"."adopted_seq" OWNED BY "source"."gains_serial"."id";

ALTER SEQUENCE "source"."moving_seq" OWNED BY "source"."tickets"."alt_no2";

ALTER TABLE "source"."new_serial_table" ADD CONSTRAINT "new_serial_table_pkey" PRIMARY KEY (id);
