SET search_path TO pg_catalog, "source";

DROP INDEX "source"."totals_region";

DROP INDEX "source"."totals_total";

DROP MATERIALIZED VIEW "source"."totals";

CREATE MATERIALIZED VIEW "source"."totals" WITH (fillfactor='90') AS
SELECT region,
    sum(amount) AS total,
    count(*) AS n
   FROM sales
  GROUP BY region WITH DATA;

CREATE UNIQUE INDEX "totals_region" ON "source"."totals" USING "btree" (region);

CREATE INDEX "totals_total" ON "source"."totals" USING "btree" (total DESC);

GRANT SELECT ON TABLE "source"."totals" TO "migra_reader";
