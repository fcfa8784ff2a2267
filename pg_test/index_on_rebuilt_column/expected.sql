SET search_path TO pg_catalog, "source";

DROP INDEX "source"."measurements_fahrenheit_idx";

DROP INDEX "source"."measurements_hot_idx";

DROP INDEX "source"."measurements_sensor_idx";

ALTER TABLE "source"."measurements" DROP COLUMN "fahrenheit";

ALTER TABLE "source"."measurements" ADD COLUMN "fahrenheit" numeric GENERATED ALWAYS AS (round((((celsius * (9)::numeric) / (5)::numeric) + (32)::numeric), 1)) STORED;

ALTER TABLE "source"."measurements" ALTER COLUMN "sensor_no" TYPE bigint;

CREATE INDEX "measurements_fahrenheit_idx" ON "source"."measurements" USING "btree" (fahrenheit);

CREATE INDEX "measurements_hot_idx" ON "source"."measurements" USING "btree" (id) WHERE (fahrenheit > (100)::numeric);

CREATE INDEX "measurements_sensor_idx" ON "source"."measurements" USING "btree" (sensor_no, fahrenheit);
