SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- lock: ACCESS EXCLUSIVE on source.top_scores; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."top_scores";

-- lock: ACCESS EXCLUSIVE on source.scores; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."scores";

-- hazards: breaks_dependents
DROP FUNCTION "source".score(n integer);

CREATE FUNCTION "source"."score"(n integer)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE
RETURN ((n)::numeric * 2.5);

CREATE VIEW "source"."scores" AS
SELECT score(x.x) AS s
   FROM generate_series(1, 3) x(x);

CREATE VIEW "source"."top_scores" AS
SELECT scores.s
   FROM scores
  WHERE (scores.s > (2)::numeric);
