SET search_path TO pg_catalog, "source";

DROP INDEX "source"."mv_name";

CREATE UNIQUE INDEX "mv_id" ON "source"."mv" USING "btree" (id);

CREATE INDEX "mv_name" ON "source"."mv" USING "btree" (lower(name));
