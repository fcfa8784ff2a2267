CREATE TYPE person AS (name text, born date, email text);
CREATE TABLE staff OF person (name WITH OPTIONS NOT NULL);
CREATE TABLE loose OF person;
CREATE TABLE customer OF person (email WITH OPTIONS DEFAULT 'none');
