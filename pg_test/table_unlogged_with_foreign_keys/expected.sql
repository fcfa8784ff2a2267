SET search_path TO "source", pg_catalog;

ALTER TABLE "source"."children" SET UNLOGGED;

ALTER TABLE "source"."parents" SET UNLOGGED;

ALTER TABLE "source"."u_parents" SET LOGGED;

ALTER TABLE "source"."u_children" SET LOGGED;
