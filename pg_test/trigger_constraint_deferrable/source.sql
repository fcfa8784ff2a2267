CREATE TABLE account (id integer PRIMARY KEY, balance numeric NOT NULL DEFAULT 0);
CREATE FUNCTION check_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.balance < 0 THEN RAISE EXCEPTION 'negative balance'; END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER balance_ok AFTER INSERT OR UPDATE ON account
  FOR EACH ROW EXECUTE FUNCTION check_balance();
