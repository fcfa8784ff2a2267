CREATE DOMAIN quantity AS integer DEFAULT 1;
CREATE DOMAIN label AS text NOT NULL;
CREATE TABLE item (id integer PRIMARY KEY, quantity quantity, label label);
