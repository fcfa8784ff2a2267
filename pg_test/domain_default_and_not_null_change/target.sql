CREATE DOMAIN quantity AS integer NOT NULL DEFAULT 0;
CREATE DOMAIN label AS text DEFAULT 'unnamed';
CREATE TABLE item (id integer PRIMARY KEY, quantity quantity, label label);
