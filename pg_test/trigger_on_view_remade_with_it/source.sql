CREATE TABLE my_table (some_text text, some_count integer);
CREATE VIEW view_on_table AS SELECT some_text, some_count FROM my_table;
CREATE FUNCTION my_function() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO my_table (some_text) VALUES (NEW.some_text);
  RETURN NEW;
END $$;
CREATE TRIGGER trigger_on_view INSTEAD OF INSERT ON view_on_table FOR EACH ROW EXECUTE FUNCTION my_function();
