SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.w; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."w";

-- lock: ACCESS EXCLUSIVE on source.v; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."v";

CREATE VIEW "source"."v" AS
SELECT t.id AS key,
    t.name
   FROM t;

CREATE VIEW "source"."w" AS
SELECT v.name
   FROM v;
