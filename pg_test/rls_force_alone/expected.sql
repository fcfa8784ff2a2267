SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."docs" FORCE ROW LEVEL SECURITY;
