SET search_path TO pg_catalog, "source";

DROP VIEW "source"."w";

DROP VIEW "source"."v";

CREATE VIEW "source"."v" AS
SELECT id AS key,
    name
   FROM t;

CREATE VIEW "source"."w" AS
SELECT name
   FROM v;
