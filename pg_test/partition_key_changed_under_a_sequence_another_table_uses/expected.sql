SET search_path TO pg_catalog, "source";

-- lock: SHARE ROW EXCLUSIVE on source.events_id_seq; hazards: blocks_writes
ALTER SEQUENCE "source"."events_id_seq" OWNED BY NONE;

-- lock: ACCESS EXCLUSIVE on source.events; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."events";

CREATE TABLE "source"."events" (
    "id" integer DEFAULT nextval('events_id_seq'::regclass) NOT NULL,
    "at" date NOT NULL,
    "note" text
) PARTITION BY RANGE (at);

CREATE TABLE "source"."events_2026" PARTITION OF "source"."events" FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

-- lock: SHARE ROW EXCLUSIVE on source.events_id_seq; hazards: blocks_writes
ALTER SEQUENCE "source"."events_id_seq" OWNED BY "source"."events"."id";

-- lock: ACCESS EXCLUSIVE on source.events
ALTER TABLE "source"."events" ADD CONSTRAINT "events_pkey" PRIMARY KEY (id, at);
