SET search_path TO pg_catalog, "source";

ALTER SEQUENCE "source"."a_id_seq" OWNED BY "source"."b"."id";

ALTER TABLE "source"."a" SET UNLOGGED;
