SET search_path TO pg_catalog, "source";

DROP TRIGGER "balance_ok" ON "source"."account";

CREATE CONSTRAINT TRIGGER "balance_new" AFTER INSERT ON "source"."account" DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION check_balance();

CREATE CONSTRAINT TRIGGER "balance_ok" AFTER INSERT OR UPDATE ON "source"."account" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_balance();
