SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.zones; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."zones" DROP CONSTRAINT "zones_area_excl";

-- lock: ACCESS EXCLUSIVE on source.spots; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."spots" ADD CONSTRAINT "spots_c_excl" EXCLUDE USING gist (c WITH &&) WHERE ((id > 0));
