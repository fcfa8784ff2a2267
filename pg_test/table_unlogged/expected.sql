SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."becomes_logged" SET LOGGED;

ALTER TABLE "source"."becomes_unlogged" SET UNLOGGED;
