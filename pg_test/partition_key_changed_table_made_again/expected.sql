SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.recent; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."recent";

-- lock: SHARE ROW EXCLUSIVE on source.log_id_seq; hazards: blocks_writes
ALTER SEQUENCE "source"."log_id_seq" OWNED BY NONE;

-- lock: ACCESS EXCLUSIVE on source.events; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."events";

-- lock: ACCESS EXCLUSIVE on source.log; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."log";

CREATE TABLE "source"."events" (
    "id" integer NOT NULL,
    "at" date NOT NULL,
    "customer" integer,
    "note" text
) PARTITION BY LIST (customer);

CREATE TABLE "source"."events_1" PARTITION OF "source"."events" FOR VALUES IN (1);

CREATE TABLE "source"."events_other" PARTITION OF "source"."events" DEFAULT;

CREATE TABLE "source"."log" (
    "id" bigint DEFAULT nextval('log_id_seq'::regclass) NOT NULL,
    "at" date NOT NULL,
    "msg" text
) PARTITION BY RANGE (at);

CREATE TABLE "source"."log_2026" PARTITION OF "source"."log" FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

-- lock: SHARE ROW EXCLUSIVE on source.log_id_seq; hazards: blocks_writes
ALTER SEQUENCE "source"."log_id_seq" OWNED BY "source"."log"."id";

-- lock: SHARE on source.events
CREATE INDEX "events_at" ON "source"."events" USING "btree" (at);

-- lock: ACCESS EXCLUSIVE on source.log
ALTER TABLE "source"."log" ADD CONSTRAINT "log_pkey" PRIMARY KEY (id, at);

-- lock: SHARE ROW EXCLUSIVE on source.events
ALTER TABLE "source"."events" ADD CONSTRAINT "events_customer_fkey" FOREIGN KEY (customer) REFERENCES customers(id);

CREATE VIEW "source"."recent" AS
SELECT events.id,
    events.at
   FROM events
  WHERE (events.at > '2026-01-01'::date);

-- hazards: authz_change
GRANT SELECT ON TABLE "source"."events" TO PUBLIC;

-- lock: SHARE UPDATE EXCLUSIVE on source.events
COMMENT ON TABLE "source"."events" IS 'events by customer';
