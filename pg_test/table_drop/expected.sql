SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."obsolete" DROP CONSTRAINT "obsolete_kept_id_fkey";

-- hazards: data_loss
DROP TABLE "source"."obsolete";
