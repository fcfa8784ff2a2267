CREATE DOMAIN "E-mail" AS text COLLATE "C" DEFAULT 'nobody@example.com' NOT NULL
  CONSTRAINT has_at CHECK (VALUE ~ '@') CONSTRAINT "not ""too"" long" CHECK (length(VALUE) < 320);
CREATE DOMAIN positive AS numeric(12,2) CHECK (VALUE > 0);
ALTER DOMAIN positive ADD CONSTRAINT below_a_million CHECK (VALUE < 1000000) NOT VALID;
CREATE TABLE t (id integer PRIMARY KEY, email "E-mail", amount positive);
