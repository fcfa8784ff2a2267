SET search_path TO pg_catalog, "source";

-- lock: SHARE ROW EXCLUSIVE on source.t; hazards: blocks_writes
CREATE TRIGGER "e" BEFORE INSERT ON "source"."t" FOR EACH ROW EXECUTE FUNCTION noop();

-- lock: SHARE ROW EXCLUSIVE on source.t; hazards: blocks_writes
ALTER TABLE "source"."t" ENABLE ALWAYS TRIGGER "e";

-- lock: SHARE ROW EXCLUSIVE on source.t; hazards: blocks_writes
ALTER TABLE "source"."t" DISABLE TRIGGER "a";

-- lock: SHARE ROW EXCLUSIVE on source.t; hazards: blocks_writes
ALTER TABLE "source"."t" ENABLE REPLICA TRIGGER "b";

-- lock: SHARE ROW EXCLUSIVE on source.t; hazards: blocks_writes
ALTER TABLE "source"."t" ENABLE ALWAYS TRIGGER "c";

-- lock: SHARE ROW EXCLUSIVE on source.t; hazards: blocks_writes
ALTER TABLE "source"."t" ENABLE TRIGGER "d";
