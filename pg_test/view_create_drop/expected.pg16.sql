SET search_path TO pg_catalog, "source";

DROP VIEW "source"."old_names";

CREATE VIEW "source"."New Names" AS
SELECT name,
    id
   FROM t
  WHERE (id > 0);
