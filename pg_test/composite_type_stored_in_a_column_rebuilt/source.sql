CREATE TYPE address AS (street text, zip integer, city text);
CREATE TABLE customer (id integer PRIMARY KEY, home address, past address[]);
INSERT INTO customer VALUES (1, ROW('Main St', 1234, 'Springfield'), ARRAY[ROW('Elm St', 99, 'Shelbyville')::address]), (2, NULL, NULL);
