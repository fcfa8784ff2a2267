CREATE DOMAIN email AS text CONSTRAINT has_at CHECK (VALUE ~ '@') CONSTRAINT gone CHECK (VALUE <> '');
CREATE TABLE account (id integer PRIMARY KEY, email email NOT NULL);
INSERT INTO account VALUES (1, 'a@example.com');
