CREATE TYPE colour AS ENUM ('red', 'green', 'blue');
CREATE DOMAIN primary_colour AS colour NOT NULL CHECK (VALUE <> 'green');
CREATE TABLE paint (id integer PRIMARY KEY, colour primary_colour DEFAULT 'red');
