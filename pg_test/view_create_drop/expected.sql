SET search_path TO pg_catalog, "source";

DROP VIEW "source"."old_names";

CREATE VIEW "source"."New Names" AS
SELECT t.name,
    t.id
   FROM t
  WHERE (t.id > 0);
