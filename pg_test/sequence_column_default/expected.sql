SET search_path TO pg_catalog, "source";

CREATE SEQUENCE "source"."invoice_number_seq" AS bigint START WITH 10000 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE;

CREATE SEQUENCE "source"."receipt_id_seq" AS integer START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 NO CYCLE;

CREATE TABLE "source"."receipts" (
    "id" integer DEFAULT nextval('receipt_id_seq'::regclass) NOT NULL,
    "invoice_id" integer
);

-- lock: ACCESS EXCLUSIVE on source.invoices; hazards: blocks_writes, blocks_reads, sequence_behind_data
ALTER TABLE "source"."invoices" ALTER COLUMN "number" SET DEFAULT nextval('invoice_number_seq'::regclass);

-- lock: ACCESS EXCLUSIVE on source.receipts
ALTER TABLE "source"."receipts" ADD CONSTRAINT "receipts_pkey" PRIMARY KEY (id);

-- lock: SHARE ROW EXCLUSIVE on source.receipts
ALTER TABLE "source"."receipts" ADD CONSTRAINT "receipts_invoice_id_fkey" FOREIGN KEY (invoice_id) REFERENCES invoices(id);
