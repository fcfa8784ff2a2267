SET search_path TO pg_catalog, "source";

-- lock: SHARE ROW EXCLUSIVE on source.t; hazards: validates_rows, blocks_writes
ALTER TABLE "source"."t" ADD CONSTRAINT "t_b_fk" FOREIGN KEY (b) REFERENCES r(id);
