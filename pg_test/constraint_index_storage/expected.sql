SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.journal; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."journal" ADD CONSTRAINT "journal_code_key" UNIQUE (code);

-- lock: SHARE UPDATE EXCLUSIVE on source.journal_code_key
ALTER INDEX "source"."journal_code_key" SET (fillfactor='70');

-- lock: ACCESS EXCLUSIVE on source.ledger; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."ledger" ADD CONSTRAINT "ledger_ref_key" UNIQUE (ref);

-- lock: SHARE UPDATE EXCLUSIVE on source.ledger_ref_key
ALTER INDEX "source"."ledger_ref_key" SET (fillfactor='70');

-- lock: SHARE UPDATE EXCLUSIVE on source.ledger_alt_key
ALTER INDEX "source"."ledger_alt_key" SET (fillfactor='60');

-- lock: SHARE UPDATE EXCLUSIVE on source.ledger_pkey
ALTER INDEX "source"."ledger_pkey" SET (fillfactor='70');
