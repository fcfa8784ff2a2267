SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.empty_one; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP MATERIALIZED VIEW "source"."empty_one";

-- lock: ACCESS EXCLUSIVE on source.full_one; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP MATERIALIZED VIEW "source"."full_one";

CREATE MATERIALIZED VIEW "source"."empty_one" AS
SELECT t.id,
    (t.id * 2) AS twice
   FROM t WITH NO DATA;

CREATE MATERIALIZED VIEW "source"."full_one" AS
SELECT t.id,
    1 AS one
   FROM t WITH DATA;

-- lock: ACCESS EXCLUSIVE on source.to_fill; hazards: blocks_writes, blocks_reads
REFRESH MATERIALIZED VIEW "source"."to_fill";
