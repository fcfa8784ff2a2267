SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."codes" DROP CONSTRAINT "codes_b_key";

DROP INDEX "source"."codes_a_key";

CREATE UNIQUE INDEX "codes_b_key" ON "source"."codes" USING "btree" (b);

ALTER TABLE "source"."codes" ADD CONSTRAINT "codes_a_key" UNIQUE (a);
