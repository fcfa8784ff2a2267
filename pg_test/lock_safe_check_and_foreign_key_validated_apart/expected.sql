SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.invoices; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."invoices" ADD CONSTRAINT "invoices_total_check" CHECK ((total >= (0)::numeric)) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.invoices; hazards: validates_rows
ALTER TABLE "source"."invoices" VALIDATE CONSTRAINT "invoices_total_check";

-- lock: SHARE ROW EXCLUSIVE on source.invoices; hazards: blocks_writes
ALTER TABLE "source"."invoices" ADD CONSTRAINT "invoices_customer_fkey" FOREIGN KEY (customer) REFERENCES customers(id) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.invoices; hazards: validates_rows
ALTER TABLE "source"."invoices" VALIDATE CONSTRAINT "invoices_customer_fkey";
