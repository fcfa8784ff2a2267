SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."purchases" DROP CONSTRAINT "purchases_vendor_id_fkey";

-- hazards: data_loss
DROP TABLE "source"."old_vendors";

CREATE TABLE "source"."suppliers" (
    "id" integer NOT NULL,
    "name" text NOT NULL
);

ALTER TABLE "source"."suppliers" ADD CONSTRAINT "suppliers_pkey" PRIMARY KEY (id);

ALTER TABLE "source"."purchases" ADD CONSTRAINT "purchases_supplier_id_fkey" FOREIGN KEY (supplier_id) REFERENCES suppliers(id) ON DELETE RESTRICT NOT VALID;

ALTER TABLE "source"."purchases" VALIDATE CONSTRAINT "purchases_supplier_id_fkey";
