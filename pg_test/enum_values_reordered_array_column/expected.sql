SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- hazards: breaks_dependents
DROP FUNCTION "source".biggest(s size[]);

-- lock: ACCESS EXCLUSIVE on source.shirt; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."shirt" ALTER COLUMN "sizes" DROP DEFAULT;

ALTER TYPE "source"."size" RENAME TO "size__migra_old";

CREATE TYPE "source"."size" AS ENUM ('small', 'medium', 'large');

CREATE FUNCTION "source"."biggest"(s size[])
 RETURNS size
 LANGUAGE sql
 IMMUTABLE
RETURN (SELECT max(x.x) AS max FROM unnest(biggest.s) x(x));

-- lock: ACCESS EXCLUSIVE on source.shirt; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."shirt" ALTER COLUMN "size" TYPE size USING "size"::text::size;

-- lock: ACCESS EXCLUSIVE on source.shirt; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."shirt" ALTER COLUMN "sizes" TYPE size[] USING "sizes"::text::size[];

-- lock: ACCESS EXCLUSIVE on source.shirt; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."shirt" ALTER COLUMN "sizes" SET DEFAULT '{small}'::size[];

DROP TYPE "source"."size__migra_old";
