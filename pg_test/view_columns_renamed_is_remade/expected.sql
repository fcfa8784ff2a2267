SET search_path TO pg_catalog, "source";

DROP VIEW "source"."w";

DROP VIEW "source"."v";

CREATE VIEW "source"."v" AS
SELECT t.id AS key,
    t.name
   FROM t;

CREATE VIEW "source"."w" AS
SELECT v.name
   FROM v;
