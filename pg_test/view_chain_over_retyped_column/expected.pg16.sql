SET search_path TO pg_catalog, "source";

DROP VIEW "source"."rich";

DROP VIEW "source"."balances";

-- hazards: data_loss
ALTER TABLE "source"."accounts" ALTER COLUMN "balance" TYPE numeric(12,2) USING "balance"::numeric(12,2);

CREATE VIEW "source"."balances" AS
SELECT id,
    balance
   FROM accounts;

CREATE VIEW "source"."rich" AS
SELECT id
   FROM balances
  WHERE (balance > (1000)::numeric);
