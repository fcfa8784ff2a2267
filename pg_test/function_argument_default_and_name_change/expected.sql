SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

DROP VIEW "source"."greetings";

DROP FUNCTION "source".greet(who text);

DROP FUNCTION "source".pad(s text, n integer);

CREATE FUNCTION "source"."greet"(whom text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
RETURN ('hello '::text || whom);

CREATE FUNCTION "source"."pad"(s text, n integer DEFAULT 8)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
RETURN lpad(s, n);

CREATE VIEW "source"."greetings" AS
SELECT greet('x'::text) AS g,
    pad('y'::text) AS p;
