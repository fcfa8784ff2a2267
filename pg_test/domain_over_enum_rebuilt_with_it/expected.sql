SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.paint; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."paint" ALTER COLUMN "colour" DROP DEFAULT;

ALTER TYPE "source"."colour" RENAME TO "colour__migra_old";

ALTER DOMAIN "source"."primary_colour" RENAME TO "primary_colour__migra_old";

CREATE TYPE "source"."colour" AS ENUM ('red', 'green', 'blue');

CREATE DOMAIN "source"."primary_colour" AS colour CONSTRAINT "primary_colour_not_null" NOT NULL CONSTRAINT "primary_colour_check" CHECK ((VALUE <> 'green'::colour));

-- lock: ACCESS EXCLUSIVE on source.paint; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."paint" ALTER COLUMN "colour" TYPE primary_colour USING "colour"::text::primary_colour;

-- lock: ACCESS EXCLUSIVE on source.paint; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."paint" ALTER COLUMN "colour" SET DEFAULT 'red'::colour;

DROP DOMAIN "source"."primary_colour__migra_old";

DROP TYPE "source"."colour__migra_old";
