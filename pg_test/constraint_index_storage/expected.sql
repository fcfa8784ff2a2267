SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."journal" ADD CONSTRAINT "journal_code_key" UNIQUE (code);

ALTER INDEX "source"."journal_code_key" SET (fillfactor='70');

ALTER TABLE "source"."ledger" ADD CONSTRAINT "ledger_ref_key" UNIQUE (ref);

ALTER INDEX "source"."ledger_ref_key" SET (fillfactor='70');

ALTER INDEX "source"."ledger_alt_key" SET (fillfactor='60');

ALTER INDEX "source"."ledger_pkey" SET (fillfactor='70');
