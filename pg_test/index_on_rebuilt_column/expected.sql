SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.measurements; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."measurements_fahrenheit_idx";

-- lock: ACCESS EXCLUSIVE on source.measurements; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."measurements_hot_idx";

-- lock: ACCESS EXCLUSIVE on source.measurements; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."measurements_sensor_idx";

-- lock: ACCESS EXCLUSIVE on source.measurements; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."measurements" DROP COLUMN "fahrenheit";

-- lock: ACCESS EXCLUSIVE on source.measurements; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."measurements" ADD COLUMN "fahrenheit" numeric GENERATED ALWAYS AS (round((((celsius * (9)::numeric) / (5)::numeric) + (32)::numeric), 1)) STORED;

-- lock: ACCESS EXCLUSIVE on source.measurements; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."measurements" ALTER COLUMN "sensor_no" TYPE bigint;

-- lock: SHARE on source.measurements; hazards: index_build, blocks_writes
CREATE INDEX "measurements_fahrenheit_idx" ON "source"."measurements" USING "btree" (fahrenheit);

-- lock: SHARE on source.measurements; hazards: index_build, blocks_writes
CREATE INDEX "measurements_hot_idx" ON "source"."measurements" USING "btree" (id) WHERE (fahrenheit > (100)::numeric);

-- lock: SHARE on source.measurements; hazards: index_build, blocks_writes
CREATE INDEX "measurements_sensor_idx" ON "source"."measurements" USING "btree" (sensor_no, fahrenheit);
