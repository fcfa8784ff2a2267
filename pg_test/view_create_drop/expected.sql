SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.old_names; hazards: blocks_writes, blocks_reads
DROP VIEW "source"."old_names";

CREATE VIEW "source"."New Names" AS
SELECT t.name,
    t.id
   FROM t
  WHERE (t.id > 0);
