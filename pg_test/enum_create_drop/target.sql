CREATE TYPE "Weird ""Name""" AS ENUM ('it''s', 'naïve');
CREATE TYPE colour AS ENUM ('red', 'green', 'blue');
CREATE TABLE person (id integer PRIMARY KEY, favourite colour DEFAULT 'green', odd "Weird ""Name"""[]);
