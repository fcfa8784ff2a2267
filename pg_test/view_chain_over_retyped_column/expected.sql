SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.rich; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."rich";

-- lock: ACCESS EXCLUSIVE on source.balances; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."balances";

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ALTER COLUMN "balance" TYPE numeric(12,2);

CREATE VIEW "source"."balances" AS
SELECT accounts.id,
    accounts.balance
   FROM accounts;

CREATE VIEW "source"."rich" AS
SELECT balances.id
   FROM balances
  WHERE (balances.balance > (1000)::numeric);
