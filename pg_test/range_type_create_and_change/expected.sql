SET search_path TO pg_catalog, "source";

ALTER TYPE "source"."floatrange" RENAME TO "floatrange__migra_old";

ALTER FUNCTION "source"."floatrange"(double precision, double precision) RENAME TO "floatrange__migra_old";

ALTER FUNCTION "source"."floatrange"(double precision, double precision, text) RENAME TO "floatrange__migra_old";

ALTER TYPE "source"."floatmultirange" RENAME TO "floatmultirange__migra_old";

ALTER FUNCTION "source"."floatmultirange"() RENAME TO "floatmultirange__migra_old";

ALTER FUNCTION "source"."floatmultirange"("source"."floatrange__migra_old") RENAME TO "floatmultirange__migra_old";

ALTER FUNCTION "source"."floatmultirange"(VARIADIC "source"."floatrange__migra_old"[]) RENAME TO "floatmultirange__migra_old";

CREATE TYPE "source"."textrange" AS RANGE (SUBTYPE = text, COLLATION = "C", MULTIRANGE_TYPE_NAME = "source"."textranges");

CREATE TYPE "source"."floatrange" AS RANGE (SUBTYPE = double precision, MULTIRANGE_TYPE_NAME = "source"."floatmultirange");

-- lock: ACCESS EXCLUSIVE on source.reading; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."reading" ADD COLUMN "names" textrange;

-- lock: ACCESS EXCLUSIVE on source.reading; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."reading" ALTER COLUMN "span" TYPE floatrange USING "span"::text::floatrange;

DROP TYPE "source"."old_range";

DROP TYPE "source"."floatrange__migra_old";
