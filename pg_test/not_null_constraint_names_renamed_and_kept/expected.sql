SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.events_2023; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."events" DETACH PARTITION "source"."events_2023";

CREATE TABLE "source"."events_2026" PARTITION OF "source"."events" ("at" CONSTRAINT "events_2026_at_required" NOT NULL, "kind" CONSTRAINT "events_2026_kind_not_null" NOT NULL) FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

CREATE TABLE "source"."ledger" (
    "id" integer CONSTRAINT "ledger_id_required" NOT NULL,
    "note" text NOT NULL
);

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ADD COLUMN "added" text DEFAULT ''::text CONSTRAINT "added's" NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" RENAME CONSTRAINT "accounts_becomes_named_not_null" TO "accounts' id";

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ALTER COLUMN "becomes_required" SET NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" RENAME CONSTRAINT "accounts_becomes_required_not_null" TO "required";

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" RENAME CONSTRAINT "old name" TO "new name";

-- lock: ACCESS EXCLUSIVE on source.events_2023; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."events_2023" RENAME CONSTRAINT "events_at_not_null" TO "events_2023_at_not_null";

-- lock: ACCESS EXCLUSIVE on source.events_2023; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."events_2023" RENAME CONSTRAINT "events_kind_not_null" TO "events_2023_kind_not_null";

-- lock: ACCESS EXCLUSIVE on source.events_2025; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."events_2025" RENAME CONSTRAINT "events_2025_at_not_null" TO "events_at_not_null";

-- lock: ACCESS EXCLUSIVE on source.events_2025; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."events_2025" RENAME CONSTRAINT "events_2025_kind_not_null" TO "events_kind_not_null";

-- lock: ACCESS EXCLUSIVE on source.events_2025; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."events" ATTACH PARTITION "source"."events_2025" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
