CREATE TYPE person AS (name text, born date);
CREATE TABLE staff OF person (name WITH OPTIONS NOT NULL);
CREATE TABLE loose (name text, born date);
