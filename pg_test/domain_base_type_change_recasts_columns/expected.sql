SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- lock: ACCESS EXCLUSIVE on source.big_invoices; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."big_invoices";

-- hazards: breaks_dependents
DROP FUNCTION "source".twice(a money_amount);

-- lock: ACCESS EXCLUSIVE on source.invoice; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."invoice" ALTER COLUMN "total" DROP DEFAULT;

ALTER DOMAIN "source"."money_amount" RENAME TO "money_amount__migra_old";

CREATE DOMAIN "source"."money_amount" AS numeric(14,4) CONSTRAINT "money_amount_check" CHECK ((VALUE >= (0)::numeric));

CREATE FUNCTION "source"."twice"(a money_amount)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE
AS $function$SELECT a * 2$function$;

-- lock: ACCESS EXCLUSIVE on source.invoice; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."invoice" ALTER COLUMN "lines" TYPE money_amount[] USING "lines"::text::money_amount[];

-- lock: ACCESS EXCLUSIVE on source.invoice; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."invoice" ALTER COLUMN "total" TYPE money_amount USING "total"::text::money_amount;

-- lock: ACCESS EXCLUSIVE on source.invoice; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."invoice" ALTER COLUMN "total" SET DEFAULT 0;

CREATE VIEW "source"."big_invoices" AS
SELECT invoice.id,
    invoice.total
   FROM invoice
  WHERE ((invoice.total)::numeric > (1000)::numeric);

DROP DOMAIN "source"."money_amount__migra_old";
