SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.notes; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."notes" ADD CONSTRAINT "notes_body_check" CHECK ((body <> '''; DROP TABLE x; --'::text)) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.notes; hazards: validates_rows
ALTER TABLE "source"."notes" VALIDATE CONSTRAINT "notes_body_check";

-- lock: ACCESS EXCLUSIVE on source.notes; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."notes" ADD CONSTRAINT "notes_path_check" CHECK (((path <> 'C:\temp\"quoted"'::text) AND (path !~~ '%\\%''%'::text))) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.notes; hazards: validates_rows
ALTER TABLE "source"."notes" VALIDATE CONSTRAINT "notes_path_check";

-- lock: ACCESS EXCLUSIVE on source.notes; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."notes" ADD CONSTRAINT "notes_weird""name_check" CHECK ((body IS DISTINCT FROM '$$ $tag$ '' "'::text)) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.notes; hazards: validates_rows
ALTER TABLE "source"."notes" VALIDATE CONSTRAINT "notes_weird""name_check";
