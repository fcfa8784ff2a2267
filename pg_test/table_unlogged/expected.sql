SET search_path TO "source", pg_catalog;

ALTER TABLE "source"."becomes_logged" SET LOGGED;

ALTER TABLE "source"."becomes_unlogged" SET UNLOGGED;
