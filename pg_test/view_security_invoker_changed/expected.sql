SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.barrier; hazards: blocks_writes, blocks_reads, authz_change
CREATE OR REPLACE VIEW "source"."barrier" AS
SELECT docs.id
   FROM docs;

-- lock: ACCESS EXCLUSIVE on source.my_docs; hazards: blocks_writes, blocks_reads, authz_change
CREATE OR REPLACE VIEW "source"."my_docs" WITH (security_invoker='true') AS
SELECT docs.id
   FROM docs
  WHERE (docs.owner = CURRENT_USER);
