SET search_path TO pg_catalog, "source";

DROP MATERIALIZED VIEW "source"."empty_one";

DROP MATERIALIZED VIEW "source"."full_one";

CREATE MATERIALIZED VIEW "source"."empty_one" AS
SELECT id,
    (id * 2) AS twice
   FROM t WITH NO DATA;

CREATE MATERIALIZED VIEW "source"."full_one" AS
SELECT id,
    1 AS one
   FROM t WITH DATA;

REFRESH MATERIALIZED VIEW "source"."to_fill";
