CREATE TABLE city (id integer, zip text, city text, state text);
CREATE STATISTICS city_zip (dependencies, ndistinct) ON zip, city FROM city;
CREATE STATISTICS by_expression ON lower(city), state FROM city;
CREATE STATISTICS targeted ON city, state FROM city;
ALTER STATISTICS targeted SET STATISTICS 500;
COMMENT ON STATISTICS targeted IS 'a statistics object';
