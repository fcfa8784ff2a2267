SET search_path TO pg_catalog, "source";

CREATE TABLE "source"."bookings" (
    "id" integer NOT NULL,
    "during" tstzrange
) TABLESPACE "migra_space";

CREATE TABLE "source"."measurements_2026" PARTITION OF "source"."measurements" FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') TABLESPACE "migra_space";

CREATE TABLE "source"."measurements_2027" PARTITION OF "source"."measurements" FOR VALUES FROM ('2027-01-01') TO ('2028-01-01') TABLESPACE "pg_default";

-- lock: ACCESS EXCLUSIVE on source.back; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."back" SET TABLESPACE "pg_default";

-- lock: ACCESS EXCLUSIVE on source.measurements; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."measurements" SET TABLESPACE "migra_space";

-- lock: ACCESS EXCLUSIVE on source.moved; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."moved" SET TABLESPACE "migra_space";

-- lock: SHARE on source.bookings
CREATE INDEX "bookings_late" ON "source"."bookings" USING "btree" (id) INCLUDE (during) WITH (fillfactor='70') TABLESPACE "migra_space" WHERE (id > 10);

-- lock: ACCESS EXCLUSIVE on source.moved_note; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER INDEX "source"."moved_note" SET TABLESPACE "migra_space";

-- lock: ACCESS EXCLUSIVE on source.bookings
ALTER TABLE "source"."bookings" ADD CONSTRAINT "bookings_pkey" PRIMARY KEY (id) USING INDEX TABLESPACE "migra_space";

-- lock: ACCESS EXCLUSIVE on source.bookings
ALTER TABLE "source"."bookings" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist (during WITH &&) WITH (fillfactor='80') USING INDEX TABLESPACE "migra_space" WHERE ((id > 0)) DEFERRABLE;

-- lock: ACCESS EXCLUSIVE on source.back_pkey; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER INDEX "source"."back_pkey" SET TABLESPACE "pg_default";

-- lock: ACCESS EXCLUSIVE on source.moved_pkey; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER INDEX "source"."moved_pkey" SET TABLESPACE "migra_space";

-- lock: ACCESS EXCLUSIVE on source.totals; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER MATERIALIZED VIEW "source"."totals" SET TABLESPACE "migra_space";
