SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."zones" DROP CONSTRAINT "zones_area_excl";

ALTER TABLE "source"."spots" ADD CONSTRAINT "spots_c_excl" EXCLUDE USING gist (c WITH &&) WHERE ((id > 0));
