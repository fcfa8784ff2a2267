SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- lock: ACCESS EXCLUSIVE on source.greetings; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."greetings";

-- hazards: breaks_dependents
DROP FUNCTION "source".greet(who text);

-- hazards: breaks_dependents
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
