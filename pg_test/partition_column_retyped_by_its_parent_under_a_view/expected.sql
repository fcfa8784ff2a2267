SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.v; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."v";

-- lock: ACCESS EXCLUSIVE on source.w; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."w";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "b" TYPE bigint;

CREATE VIEW "source"."v" AS
SELECT p.b
   FROM p;

CREATE VIEW "source"."w" AS
SELECT q1.a,
    q1.b
   FROM q1;
