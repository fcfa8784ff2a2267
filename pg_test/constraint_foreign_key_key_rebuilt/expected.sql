SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."children" DROP CONSTRAINT "children_parent_code_fkey";

ALTER TABLE "source"."pets" DROP CONSTRAINT "pets_owner_id_fkey";

ALTER TABLE "source"."owners" DROP CONSTRAINT "owners_id_key";

ALTER TABLE "source"."parents" DROP CONSTRAINT "parents_code_key";

ALTER TABLE "source"."owners" ADD CONSTRAINT "owners_pkey" PRIMARY KEY (id);

ALTER TABLE "source"."parents" ADD CONSTRAINT "parents_code_key" UNIQUE NULLS NOT DISTINCT (code);

ALTER INDEX "source"."shelves_label_key" SET (fillfactor='70');

ALTER TABLE "source"."children" ADD CONSTRAINT "children_parent_code_fkey" FOREIGN KEY (parent_code) REFERENCES parents(code) NOT VALID;

ALTER TABLE "source"."children" VALIDATE CONSTRAINT "children_parent_code_fkey";

ALTER TABLE "source"."pets" ADD CONSTRAINT "pets_owner_id_fkey" FOREIGN KEY (owner_id) REFERENCES owners(id) NOT VALID;

ALTER TABLE "source"."pets" VALIDATE CONSTRAINT "pets_owner_id_fkey";
