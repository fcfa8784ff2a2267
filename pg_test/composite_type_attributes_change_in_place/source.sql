CREATE TYPE address AS (street text, city text, zip integer);
CREATE TYPE gone AS (a integer);
CREATE FUNCTION city_of(a address) RETURNS text LANGUAGE sql AS 'SELECT a.city';
