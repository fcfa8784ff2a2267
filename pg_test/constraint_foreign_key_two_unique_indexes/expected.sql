SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."a" ADD CONSTRAINT "a_nnd" UNIQUE NULLS NOT DISTINCT (id);
