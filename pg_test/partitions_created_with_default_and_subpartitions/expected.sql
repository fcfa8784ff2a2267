SET search_path TO pg_catalog, "source";

CREATE TABLE "source"."measurements" (
    "city_id" integer NOT NULL,
    "logged_on" date NOT NULL,
    "peak" integer,
    "note" text DEFAULT 'none'::text
) PARTITION BY RANGE (logged_on);

CREATE TABLE "source"."measurements_2023" PARTITION OF "source"."measurements" FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');

CREATE TABLE "source"."measurements_2024" PARTITION OF "source"."measurements" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (city_id);

CREATE TABLE "source"."measurements_other" PARTITION OF "source"."measurements" DEFAULT;

-- lock: ACCESS EXCLUSIVE on source.measurements_2024
ALTER TABLE "source"."measurements_2024" ALTER COLUMN "note" SET DEFAULT 'fresh'::text;

CREATE TABLE "source"."measurements_2024_north" PARTITION OF "source"."measurements_2024" FOR VALUES IN (1, 2, 3);

CREATE TABLE "source"."measurements_2024_rest" PARTITION OF "source"."measurements_2024" DEFAULT;

-- lock: SHARE on source.measurements_2023
CREATE INDEX "measurements_2023_note" ON "source"."measurements_2023" USING "btree" (note);

-- lock: SHARE on source.measurements
CREATE INDEX "measurements_peak" ON "source"."measurements" USING "btree" (peak);

-- lock: ACCESS EXCLUSIVE on source.measurements
ALTER TABLE "source"."measurements" ADD CONSTRAINT "measurements_pkey" PRIMARY KEY (city_id, logged_on);
