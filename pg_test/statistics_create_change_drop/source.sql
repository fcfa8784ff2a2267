CREATE TABLE city (id integer, zip text, city text, state text, dropped integer);
CREATE STATISTICS city_zip (dependencies) ON zip, city FROM city;
CREATE STATISTICS "Gone" ON zip, state FROM city;
CREATE STATISTICS with_dropped ON zip, dropped FROM city;
CREATE STATISTICS targeted ON city, state FROM city;
