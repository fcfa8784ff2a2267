SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.account; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP TRIGGER "balance_ok" ON "source"."account";

-- lock: SHARE ROW EXCLUSIVE on source.account; hazards: blocks_writes
CREATE CONSTRAINT TRIGGER "balance_new" AFTER INSERT ON "source"."account" DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION check_balance();

-- lock: SHARE ROW EXCLUSIVE on source.account; hazards: blocks_writes
CREATE CONSTRAINT TRIGGER "balance_ok" AFTER INSERT OR UPDATE ON "source"."account" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_balance();
