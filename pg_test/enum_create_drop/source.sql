CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TYPE "Weird ""Name""" AS ENUM ('it''s', 'naïve');
CREATE TABLE person (id integer PRIMARY KEY, feeling mood);
