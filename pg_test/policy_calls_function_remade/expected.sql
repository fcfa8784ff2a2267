SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads, breaks_dependents, authz_change
DROP POLICY "by_tenant" ON "source"."items";

-- hazards: breaks_dependents
DROP FUNCTION "source".tenant_of(u text);

CREATE FUNCTION "source"."tenant_of"(u text)
 RETURNS bigint
 LANGUAGE sql
 STABLE
RETURN length(u);

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads, authz_change
CREATE POLICY "by_tenant" ON "source"."items" AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant = tenant_of((CURRENT_USER)::text)));
