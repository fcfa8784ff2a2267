SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.children; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."children" DROP CONSTRAINT "children_parent_code_fkey";

-- lock: ACCESS EXCLUSIVE on source.pets; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."pets" DROP CONSTRAINT "pets_owner_id_fkey";

-- lock: ACCESS EXCLUSIVE on source.owners; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."owners" DROP CONSTRAINT "owners_id_key";

-- lock: ACCESS EXCLUSIVE on source.parents; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."parents" DROP CONSTRAINT "parents_code_key";

-- lock: ACCESS EXCLUSIVE on source.owners; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."owners" ADD CONSTRAINT "owners_pkey" PRIMARY KEY (id);

-- lock: ACCESS EXCLUSIVE on source.parents; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."parents" ADD CONSTRAINT "parents_code_key" UNIQUE NULLS NOT DISTINCT (code);

-- lock: SHARE UPDATE EXCLUSIVE on source.shelves_label_key
ALTER INDEX "source"."shelves_label_key" SET (fillfactor='70');

-- lock: SHARE ROW EXCLUSIVE on source.children; hazards: blocks_writes
ALTER TABLE "source"."children" ADD CONSTRAINT "children_parent_code_fkey" FOREIGN KEY (parent_code) REFERENCES parents(code) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.children; hazards: validates_rows
ALTER TABLE "source"."children" VALIDATE CONSTRAINT "children_parent_code_fkey";

-- lock: SHARE ROW EXCLUSIVE on source.pets; hazards: blocks_writes
ALTER TABLE "source"."pets" ADD CONSTRAINT "pets_owner_id_fkey" FOREIGN KEY (owner_id) REFERENCES owners(id) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.pets; hazards: validates_rows
ALTER TABLE "source"."pets" VALIDATE CONSTRAINT "pets_owner_id_fkey";
