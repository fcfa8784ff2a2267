CREATE TYPE address AS (country text, street text, city text, zip integer);
CREATE TABLE customer (id integer PRIMARY KEY, home address, past address[]);
