SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.v; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."v";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."t" DROP COLUMN "legacy";

CREATE VIEW "source"."v" AS
SELECT t.id,
    t.name
   FROM t;
