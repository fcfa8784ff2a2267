CREATE TABLE item (id integer PRIMARY KEY, qty integer);
CREATE TABLE item_log (id integer, qty bigint, at timestamptz DEFAULT now());
CREATE VIEW item_view AS SELECT id, qty FROM item;
CREATE RULE "log insert" AS ON INSERT TO item DO ALSO INSERT INTO item_log (id, qty) VALUES (NEW.id, NEW.qty);
CREATE RULE no_delete AS ON DELETE TO item WHERE OLD.qty > 0 DO INSTEAD NOTHING;
ALTER TABLE item DISABLE RULE no_delete;
CREATE RULE view_insert AS ON INSERT TO item_view DO INSTEAD INSERT INTO item VALUES (NEW.id, NEW.qty);
CREATE RULE view_delete AS ON DELETE TO item_view DO INSTEAD DELETE FROM item WHERE id = OLD.id;
COMMENT ON RULE view_delete ON item_view IS 'deletes go to the table';
