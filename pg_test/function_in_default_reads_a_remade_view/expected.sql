SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- lock: ACCESS EXCLUSIVE on source.stats; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."stats" ALTER COLUMN "seen" DROP DEFAULT;

-- hazards: breaks_dependents
DROP FUNCTION "source".kinds_seen();

-- lock: ACCESS EXCLUSIVE on source.event_kinds; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."event_kinds";

-- lock: ACCESS EXCLUSIVE on source.events; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."events" ALTER COLUMN "kind" TYPE bigint;

CREATE VIEW "source"."event_kinds" AS
SELECT events.kind
   FROM events;

CREATE FUNCTION "source"."kinds_seen"()
 RETURNS integer
 LANGUAGE sql
 STABLE
BEGIN ATOMIC
 SELECT (count(*))::integer AS count
    FROM event_kinds;
END;

-- lock: ACCESS EXCLUSIVE on source.stats; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."stats" ALTER COLUMN "seen" SET DEFAULT kinds_seen();
