SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.over_mv; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."over_mv";

-- lock: ACCESS EXCLUSIVE on source.mv; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."mv_amount";

-- lock: ACCESS EXCLUSIVE on source.mv; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP MATERIALIZED VIEW "source"."mv";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "amount" TYPE bigint;

CREATE MATERIALIZED VIEW "source"."mv" AS
SELECT t.id,
    t.amount
   FROM t WITH DATA;

-- lock: SHARE on source.mv
CREATE INDEX "mv_amount" ON "source"."mv" USING "btree" (amount);

CREATE VIEW "source"."over_mv" AS
SELECT mv.id
   FROM mv;
