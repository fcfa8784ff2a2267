SET search_path TO pg_catalog, "source";

ALTER TYPE "source"."r" RENAME TO "r__migra_old";

ALTER FUNCTION "source"."r"(integer, integer) RENAME TO "r__migra_old";

ALTER FUNCTION "source"."r"(integer, integer, text) RENAME TO "r__migra_old";

ALTER TYPE "source"."r_multirange" RENAME TO "r_multirange__migra_old";

ALTER FUNCTION "source"."r_multirange"() RENAME TO "r_multirange__migra_old";

ALTER FUNCTION "source"."r_multirange"("source"."r__migra_old") RENAME TO "r_multirange__migra_old";

ALTER FUNCTION "source"."r_multirange"(VARIADIC "source"."r__migra_old"[]) RENAME TO "r_multirange__migra_old";

CREATE TYPE "source"."r" AS RANGE (SUBTYPE = double precision, MULTIRANGE_TYPE_NAME = "source"."r_multirange");

-- lock: ACCESS EXCLUSIVE on source.c; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."c" ALTER COLUMN "b" TYPE r USING "b"::text::r;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ALTER COLUMN "b" TYPE r USING "b"::text::r;

DROP TYPE "source"."r__migra_old";
