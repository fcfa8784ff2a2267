SET search_path TO pg_catalog, "source";

DROP VIEW "source"."over_mv";

DROP INDEX "source"."mv_amount";

DROP MATERIALIZED VIEW "source"."mv";

ALTER TABLE "source"."t" ALTER COLUMN "amount" TYPE bigint;

CREATE MATERIALIZED VIEW "source"."mv" AS
SELECT t.id,
    t.amount
   FROM t WITH DATA;

CREATE INDEX "mv_amount" ON "source"."mv" USING "btree" (amount);

CREATE VIEW "source"."over_mv" AS
SELECT mv.id
   FROM mv;
