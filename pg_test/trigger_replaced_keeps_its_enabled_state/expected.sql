SET search_path TO pg_catalog, "source";

-- lock: SHARE ROW EXCLUSIVE on source.t; hazards: blocks_writes
CREATE OR REPLACE TRIGGER "tg" BEFORE UPDATE ON "source"."t" FOR EACH ROW EXECUTE FUNCTION touch();

-- lock: SHARE ROW EXCLUSIVE on source.t; hazards: blocks_writes
ALTER TABLE "source"."t" DISABLE TRIGGER "tg";

-- lock: SHARE ROW EXCLUSIVE on source.t; hazards: blocks_writes
CREATE OR REPLACE TRIGGER "tr" BEFORE INSERT OR DELETE ON "source"."t" FOR EACH ROW EXECUTE FUNCTION touch();

-- lock: SHARE ROW EXCLUSIVE on source.t; hazards: blocks_writes
ALTER TABLE "source"."t" ENABLE ALWAYS TRIGGER "tr";
