SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."t" DROP COLUMN "code";

CREATE DOMAIN "source"."E-mail" AS text COLLATE "C" DEFAULT 'nobody@example.com'::text NOT NULL CONSTRAINT "has_at" CHECK ((VALUE ~ '@'::text)) CONSTRAINT "not ""too"" long" CHECK ((length(VALUE) < 320));

CREATE DOMAIN "source"."positive" AS numeric(12,2) CONSTRAINT "positive_check" CHECK ((VALUE > (0)::numeric));

ALTER DOMAIN "source"."positive" ADD CONSTRAINT "below_a_million" CHECK ((VALUE < (1000000)::numeric)) NOT VALID;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ADD COLUMN "amount" positive;

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" ADD COLUMN "email" "E-mail";

DROP DOMAIN "source"."old_code";
