SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.v; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."v";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" DROP CONSTRAINT "t_pkey";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ADD CONSTRAINT "t_pkey" PRIMARY KEY (id) DEFERRABLE;

CREATE VIEW "source"."v" AS
SELECT t.id,
    t.a,
    max(t.b) AS max
   FROM t
  GROUP BY t.id, t.a;
