SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

ALTER TABLE "source"."t" DROP CONSTRAINT "t_level_check";

DROP INDEX "source"."t_clamp";

ALTER TABLE "source"."t" ALTER COLUMN "level" DROP DEFAULT;

DROP FUNCTION "source".clamp(v integer);

CREATE FUNCTION "source"."clamp"(v integer)
 RETURNS bigint
 LANGUAGE sql
 IMMUTABLE
AS $function$ select least(v, 100)::bigint $function$;

ALTER TABLE "source"."t" ALTER COLUMN "level" SET DEFAULT clamp(5);

CREATE INDEX "t_clamp" ON "source"."t" USING "btree" (clamp(id));

ALTER TABLE "source"."t" ADD CONSTRAINT "t_level_check" CHECK ((clamp(level) >= 0)) NOT VALID;

ALTER TABLE "source"."t" VALIDATE CONSTRAINT "t_level_check";
