SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."children" SET UNLOGGED;

ALTER TABLE "source"."parents" SET UNLOGGED;

ALTER TABLE "source"."u_parents" SET LOGGED;

ALTER TABLE "source"."u_children" SET LOGGED;
