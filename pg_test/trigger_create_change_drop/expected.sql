SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.emp; hazards: blocks_writes, blocks_reads
DROP TRIGGER "Old ""Audit""" ON "source"."emp";

-- lock: SHARE ROW EXCLUSIVE on source.emp; hazards: blocks_writes
CREATE TRIGGER "audit_rows" AFTER INSERT ON "source"."emp" REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit('it''s', 'two');

-- lock: SHARE ROW EXCLUSIVE on source.emp; hazards: blocks_writes
CREATE OR REPLACE TRIGGER "stamp" BEFORE UPDATE ON "source"."emp" FOR EACH ROW EXECUTE FUNCTION stamp();

-- lock: SHARE ROW EXCLUSIVE on source.emp; hazards: blocks_writes
CREATE OR REPLACE TRIGGER "watch_salary" BEFORE UPDATE OF salary, name ON "source"."emp" FOR EACH ROW WHEN ((old.salary IS DISTINCT FROM new.salary)) EXECUTE FUNCTION stamp();
