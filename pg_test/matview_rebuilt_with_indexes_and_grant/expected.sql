SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.totals; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."totals_region";

-- lock: ACCESS EXCLUSIVE on source.totals; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."totals_total";

-- lock: ACCESS EXCLUSIVE on source.totals; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP MATERIALIZED VIEW "source"."totals";

CREATE MATERIALIZED VIEW "source"."totals" WITH (fillfactor='90') AS
SELECT sales.region,
    sum(sales.amount) AS total,
    count(*) AS n
   FROM sales
  GROUP BY sales.region WITH DATA;

-- lock: SHARE on source.totals
CREATE UNIQUE INDEX "totals_region" ON "source"."totals" USING "btree" (region);

-- lock: SHARE on source.totals
CREATE INDEX "totals_total" ON "source"."totals" USING "btree" (total DESC);

-- hazards: authz_change
GRANT SELECT ON TABLE "source"."totals" TO "migra_reader";
