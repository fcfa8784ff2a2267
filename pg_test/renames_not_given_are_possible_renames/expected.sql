SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.customers; hazards: data_loss, blocks_writes, blocks_reads, possible_rename
ALTER TABLE "source"."customers" DROP COLUMN "fullname";

-- lock: ACCESS EXCLUSIVE on source.audit_log; hazards: data_loss, blocks_writes, blocks_reads, possible_rename
DROP TABLE "source"."audit_log";

-- hazards: possible_rename
CREATE TABLE "source"."events_log" (
    "id" bigint,
    "at" timestamp with time zone,
    "note" text
);

-- lock: ACCESS EXCLUSIVE on source.customers; hazards: blocks_writes, blocks_reads, possible_rename
ALTER TABLE "source"."customers" ADD COLUMN "name" text;
