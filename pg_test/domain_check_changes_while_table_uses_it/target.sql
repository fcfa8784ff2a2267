CREATE DOMAIN email AS text CONSTRAINT has_at CHECK (VALUE ~ '^[^@]+@[^@]+$') CONSTRAINT short CHECK (length(VALUE) < 320);
CREATE TABLE account (id integer PRIMARY KEY, email email NOT NULL);
