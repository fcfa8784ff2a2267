SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.purchases; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."purchases" DROP CONSTRAINT "purchases_vendor_id_fkey";

-- lock: ACCESS EXCLUSIVE on source.old_vendors; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."old_vendors";

CREATE TABLE "source"."suppliers" (
    "id" integer NOT NULL,
    "name" text NOT NULL
);

-- lock: ACCESS EXCLUSIVE on source.suppliers
ALTER TABLE "source"."suppliers" ADD CONSTRAINT "suppliers_pkey" PRIMARY KEY (id);

-- lock: SHARE ROW EXCLUSIVE on source.purchases; hazards: blocks_writes
ALTER TABLE "source"."purchases" ADD CONSTRAINT "purchases_supplier_id_fkey" FOREIGN KEY (supplier_id) REFERENCES suppliers(id) ON DELETE RESTRICT NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.purchases; hazards: validates_rows
ALTER TABLE "source"."purchases" VALIDATE CONSTRAINT "purchases_supplier_id_fkey";
