CREATE DOMAIN old_code AS text;
CREATE TABLE t (id integer PRIMARY KEY, code old_code);
