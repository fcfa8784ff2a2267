SET search_path TO pg_catalog, "source";

-- lock: SHARE UPDATE EXCLUSIVE on source.city
DROP STATISTICS "source"."Gone";

-- lock: SHARE UPDATE EXCLUSIVE on source.city
DROP STATISTICS "source"."with_dropped";

-- lock: SHARE UPDATE EXCLUSIVE on source.city
DROP STATISTICS "source"."city_zip";

-- lock: ACCESS EXCLUSIVE on source.city; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."city" DROP COLUMN "dropped";

-- lock: SHARE UPDATE EXCLUSIVE on source.city
CREATE STATISTICS "source"."by_expression" ON state, lower(city) FROM city;

-- lock: SHARE UPDATE EXCLUSIVE on source.city
CREATE STATISTICS "source"."city_zip" (ndistinct, dependencies) ON zip, city FROM city;

ALTER STATISTICS "source"."targeted" SET STATISTICS 500;

COMMENT ON STATISTICS "source"."targeted" IS 'a statistics object';
