SET search_path TO pg_catalog, "source";

ALTER TYPE "source"."ct" RENAME TO "ct__migra_old";

CREATE TYPE "source"."ct" AS ("x" integer);

-- lock: ACCESS EXCLUSIVE on source.t; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "c" TYPE ct USING CASE WHEN "c" IS NULL THEN NULL ELSE ROW(("c")."x"::text::integer)::ct END;

DROP TYPE "source"."ct__migra_old";

DROP TYPE "source"."e";
