SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

ALTER TABLE "source"."stats" ALTER COLUMN "seen" DROP DEFAULT;

DROP FUNCTION "source".kinds_seen();

DROP VIEW "source"."event_kinds";

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

ALTER TABLE "source"."stats" ALTER COLUMN "seen" SET DEFAULT kinds_seen();
