SET search_path TO pg_catalog, "source";

CREATE OR REPLACE VIEW "source"."v" AS
SELECT id,
    name,
    note
   FROM t
  WHERE (id > 0);
