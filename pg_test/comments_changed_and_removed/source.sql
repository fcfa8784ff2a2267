CREATE TABLE t (id integer PRIMARY KEY, a text, gone text);
CREATE VIEW v AS SELECT id FROM t;
COMMENT ON TABLE t IS 'old';
COMMENT ON COLUMN t.a IS 'old a';
COMMENT ON COLUMN t.gone IS 'goes with its column';
COMMENT ON VIEW v IS 'removed';
