SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.events; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."events" ADD COLUMN "doubled" integer GENERATED ALWAYS AS ((id * 2)) STORED;

-- lock: ACCESS EXCLUSIVE on source.events; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."events" ADD COLUMN "label" text DEFAULT 'none'::text;

-- lock: ACCESS EXCLUSIVE on source.events; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."events" ADD COLUMN "nonce" double precision DEFAULT random();

-- lock: ACCESS EXCLUSIVE on source.events; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."events" ADD COLUMN "seen_at" timestamp with time zone DEFAULT now();

-- lock: ACCESS EXCLUSIVE on source.events; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."events" ADD COLUMN "serial_no" integer GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME "source"."events_serial_no_seq" START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 NO CYCLE) NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.events; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."events" ADD COLUMN "stamp" timestamp with time zone DEFAULT clock_timestamp();
