SET search_path TO pg_catalog, "source";

DROP STATISTICS "source"."Gone";

DROP STATISTICS "source"."with_dropped";

DROP STATISTICS "source"."city_zip";

-- hazards: data_loss
ALTER TABLE "source"."city" DROP COLUMN "dropped";

CREATE STATISTICS "source"."by_expression" ON state, lower(city) FROM city;

CREATE STATISTICS "source"."city_zip" (ndistinct, dependencies) ON zip, city FROM city;

ALTER STATISTICS "source"."targeted" SET STATISTICS 500;

COMMENT ON STATISTICS "source"."targeted" IS 'a statistics object';
