CREATE TYPE address AS (street text, city text COLLATE "C", zip text, country text);
CREATE TYPE point3 AS (x double precision, y double precision, z double precision);
CREATE FUNCTION city_of(a address) RETURNS text LANGUAGE sql AS 'SELECT a.city';
