SET search_path TO pg_catalog, "source";

ALTER TYPE "source"."ct" RENAME TO "ct__migra_old";

ALTER DOMAIN "source"."d" RENAME TO "d__migra_old";

CREATE DOMAIN "source"."d" AS integer CONSTRAINT "d_not_null" NOT NULL CONSTRAINT "d_check" CHECK ((VALUE > 0));

CREATE TYPE "source"."ct" AS ("a" d);

-- lock: ACCESS EXCLUSIVE on source.t; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "c" TYPE ct USING CASE WHEN "c" IS NULL THEN NULL ELSE ROW(("c")."a"::text::d)::ct END;

DROP TYPE "source"."ct__migra_old";

DROP DOMAIN "source"."d__migra_old";
