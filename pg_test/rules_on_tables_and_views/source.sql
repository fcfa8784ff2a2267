CREATE TABLE item (id integer PRIMARY KEY, qty integer);
CREATE TABLE item_log (id integer, qty integer);
CREATE VIEW item_view AS SELECT id, qty FROM item;
CREATE RULE "log insert" AS ON INSERT TO item DO ALSO INSERT INTO item_log VALUES (NEW.id, NEW.qty);
CREATE RULE no_delete AS ON DELETE TO item DO INSTEAD NOTHING;
CREATE RULE gone AS ON UPDATE TO item WHERE NEW.qty < 0 DO INSTEAD NOTHING;
CREATE RULE view_insert AS ON INSERT TO item_view DO INSTEAD INSERT INTO item VALUES (NEW.id, NEW.qty);
