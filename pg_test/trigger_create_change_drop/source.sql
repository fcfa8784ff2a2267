CREATE TABLE emp (name text, salary integer, changed_at timestamptz, changed_by text);
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_at := now();
  NEW.changed_by := current_user;
  RETURN NEW;
END $$;
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON emp FOR EACH ROW EXECUTE FUNCTION stamp();
CREATE TRIGGER "Old ""Audit""" AFTER DELETE ON emp FOR EACH STATEMENT EXECUTE FUNCTION audit();
CREATE TRIGGER watch_salary BEFORE UPDATE OF salary ON emp FOR EACH ROW EXECUTE FUNCTION stamp();
