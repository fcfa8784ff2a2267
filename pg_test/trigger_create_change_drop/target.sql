CREATE TABLE emp (name text, salary integer, changed_at timestamptz, changed_by text);
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_at := now();
  NEW.changed_by := current_user;
  RETURN NEW;
END $$;
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER stamp BEFORE UPDATE ON emp FOR EACH ROW EXECUTE FUNCTION stamp();
CREATE TRIGGER watch_salary BEFORE UPDATE OF salary, name ON emp FOR EACH ROW
  WHEN (OLD.salary IS DISTINCT FROM NEW.salary) EXECUTE FUNCTION stamp();
CREATE TRIGGER audit_rows AFTER INSERT ON emp REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION audit('it''s', 'two');
