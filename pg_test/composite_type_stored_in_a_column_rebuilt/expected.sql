SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.customer; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."customer" DROP COLUMN "past";

ALTER TYPE "source"."address" RENAME TO "address__migra_old";

CREATE TYPE "source"."address" AS ("country" text, "street" text, "city" text, "zip" integer);

-- lock: ACCESS EXCLUSIVE on source.customer; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."customer" ALTER COLUMN "home" TYPE address USING CASE WHEN "home" IS NULL THEN NULL ELSE ROW(NULL::text, ("home")."street"::text::text, ("home")."city"::text::text, ("home")."zip"::text::integer)::address END;

-- lock: ACCESS EXCLUSIVE on source.customer; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."customer" ADD COLUMN "past" address[];

DROP TYPE "source"."address__migra_old";
