SET search_path TO "source", pg_catalog;

-- hazards: data_loss
DROP TABLE "source"."obsolete";
