SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.books; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."books" DROP CONSTRAINT "books_translator_id_fkey";

-- lock: ACCESS EXCLUSIVE on source.books; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."books" DROP CONSTRAINT "books_editor_id_fkey";

-- lock: SHARE ROW EXCLUSIVE on source.books; hazards: blocks_writes
ALTER TABLE "source"."books" ADD CONSTRAINT "books_author_id_fkey" FOREIGN KEY (author_id) REFERENCES authors(id) ON UPDATE SET NULL ON DELETE CASCADE NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.books; hazards: validates_rows
ALTER TABLE "source"."books" VALIDATE CONSTRAINT "books_author_id_fkey";

-- lock: SHARE ROW EXCLUSIVE on source.books; hazards: blocks_writes
ALTER TABLE "source"."books" ADD CONSTRAINT "books_region_fkey" FOREIGN KEY (country, region_code) REFERENCES regions(country, code) MATCH FULL NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.books; hazards: validates_rows
ALTER TABLE "source"."books" VALIDATE CONSTRAINT "books_region_fkey";

-- lock: SHARE ROW EXCLUSIVE on source.books; hazards: blocks_writes
ALTER TABLE "source"."books" ADD CONSTRAINT "books_reviewer_id_fkey" FOREIGN KEY (reviewer_id) REFERENCES authors(id) DEFERRABLE INITIALLY DEFERRED NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.books; hazards: validates_rows
ALTER TABLE "source"."books" VALIDATE CONSTRAINT "books_reviewer_id_fkey";

-- lock: SHARE ROW EXCLUSIVE on source.books; hazards: blocks_writes
ALTER TABLE "source"."books" ADD CONSTRAINT "books_editor_id_fkey" FOREIGN KEY (editor_id) REFERENCES authors(id) ON UPDATE CASCADE ON DELETE RESTRICT NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.books; hazards: validates_rows
ALTER TABLE "source"."books" VALIDATE CONSTRAINT "books_editor_id_fkey";
