SET search_path TO pg_catalog, "source";

CREATE OR REPLACE VIEW "source"."barrier" AS
SELECT id
   FROM docs;

CREATE OR REPLACE VIEW "source"."my_docs" WITH (security_invoker='true') AS
SELECT id
   FROM docs
  WHERE (owner = CURRENT_USER);
