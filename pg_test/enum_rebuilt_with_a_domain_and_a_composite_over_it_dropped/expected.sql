SET search_path TO pg_catalog, "source";

ALTER TYPE "source"."e" RENAME TO "e__migra_old";

CREATE TYPE "source"."e" AS ENUM ('b', 'a');

-- lock: ACCESS EXCLUSIVE on source.t; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "v" TYPE e USING "v"::text::e;

DROP TYPE "source"."ct";

DROP DOMAIN "source"."d";

DROP TYPE "source"."e__migra_old";
