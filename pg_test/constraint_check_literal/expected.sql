SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."notes" ADD CONSTRAINT "notes_body_check" CHECK ((body <> '''; DROP TABLE x; --'::text)) NOT VALID;

ALTER TABLE "source"."notes" VALIDATE CONSTRAINT "notes_body_check";

ALTER TABLE "source"."notes" ADD CONSTRAINT "notes_path_check" CHECK (((path <> 'C:\temp\"quoted"'::text) AND (path !~~ '%\\%''%'::text))) NOT VALID;

ALTER TABLE "source"."notes" VALIDATE CONSTRAINT "notes_path_check";

ALTER TABLE "source"."notes" ADD CONSTRAINT "notes_weird""name_check" CHECK ((body IS DISTINCT FROM '$$ $tag$ '' "'::text)) NOT VALID;

ALTER TABLE "source"."notes" VALIDATE CONSTRAINT "notes_weird""name_check";
