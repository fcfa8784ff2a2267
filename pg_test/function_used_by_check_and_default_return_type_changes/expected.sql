SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" DROP CONSTRAINT "t_level_check";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."t_clamp";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "level" DROP DEFAULT;

-- hazards: breaks_dependents
DROP FUNCTION "source".clamp(v integer);

CREATE FUNCTION "source"."clamp"(v integer)
 RETURNS bigint
 LANGUAGE sql
 IMMUTABLE
AS $function$ select least(v, 100)::bigint $function$;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "level" SET DEFAULT clamp(5);

-- lock: SHARE on source.t; hazards: index_build, blocks_writes
CREATE INDEX "t_clamp" ON "source"."t" USING "btree" (clamp(id));

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ADD CONSTRAINT "t_level_check" CHECK ((clamp(level) >= 0)) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.t; hazards: validates_rows
ALTER TABLE "source"."t" VALIDATE CONSTRAINT "t_level_check";
