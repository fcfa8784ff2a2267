SET search_path TO "source", pg_catalog;

ALTER TABLE "source"."a" ADD CONSTRAINT "a_nnd" UNIQUE NULLS NOT DISTINCT (id);
