SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.v; hazards: blocks_writes, blocks_reads
CREATE OR REPLACE VIEW "source"."v" AS
SELECT t.id,
    t.name,
    t.note
   FROM t
  WHERE (t.id > 0);
