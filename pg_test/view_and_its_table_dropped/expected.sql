SET search_path TO pg_catalog, "source";

DROP VIEW "source"."gone_view2";

DROP VIEW "source"."gone_view";

-- hazards: data_loss
DROP TABLE "source"."gone";
