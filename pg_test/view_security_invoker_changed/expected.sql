SET search_path TO pg_catalog, "source";

CREATE OR REPLACE VIEW "source"."barrier" AS
SELECT docs.id
   FROM docs;

CREATE OR REPLACE VIEW "source"."my_docs" WITH (security_invoker='true') AS
SELECT docs.id
   FROM docs
  WHERE (docs.owner = CURRENT_USER);
