SET search_path TO pg_catalog, "source";

DROP VIEW "source"."rich";

DROP VIEW "source"."balances";

-- hazards: data_loss
ALTER TABLE "source"."accounts" ALTER COLUMN "balance" TYPE numeric(12,2);

CREATE VIEW "source"."balances" AS
SELECT accounts.id,
    accounts.balance
   FROM accounts;

CREATE VIEW "source"."rich" AS
SELECT balances.id
   FROM balances
  WHERE (balances.balance > (1000)::numeric);
