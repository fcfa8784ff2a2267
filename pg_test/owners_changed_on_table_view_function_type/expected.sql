SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

CREATE TYPE "source"."pair" AS ("a" integer, "b" text);

CREATE FUNCTION "source"."g"(x integer)
 RETURNS integer
 LANGUAGE sql
AS $function$SELECT x$function$;

CREATE TABLE "source"."t2" (
    "id" bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME "source"."t2_id_seq" START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE) NOT NULL,
    "m" mood
);

CREATE VIEW "source"."v2" AS
SELECT t2.id
   FROM t2;

-- lock: ACCESS EXCLUSIVE on source.t2; hazards: authz_change
ALTER TABLE "source"."t2" OWNER TO "migra_owner_a";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads, authz_change
ALTER TABLE "source"."t" OWNER TO "Migra ""Owner"" B";

-- lock: ACCESS EXCLUSIVE on source.free_counter; hazards: blocks_writes, blocks_reads, authz_change
ALTER SEQUENCE "source"."free_counter" OWNER TO "migra_owner_a";

-- lock: ACCESS EXCLUSIVE on source.v2; hazards: authz_change
ALTER VIEW "source"."v2" OWNER TO "migra_owner_a";

-- lock: ACCESS EXCLUSIVE on source.v; hazards: blocks_writes, blocks_reads, authz_change
ALTER VIEW "source"."v" OWNER TO "Migra ""Owner"" B";

-- hazards: authz_change
ALTER FUNCTION "source".g(x integer) OWNER TO "migra_owner_a";

-- hazards: authz_change
ALTER FUNCTION "source".f() OWNER TO "Migra ""Owner"" B";

-- hazards: authz_change
ALTER TYPE "source"."pair" OWNER TO "migra_owner_a";

-- hazards: authz_change
ALTER TYPE "source"."mood" OWNER TO "Migra ""Owner"" B";

-- hazards: authz_change
ALTER DOMAIN "source"."positive" OWNER TO "Migra ""Owner"" B";
