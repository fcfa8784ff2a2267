SET search_path TO pg_catalog, "source";

DROP INDEX "source"."c_id";

CREATE TABLE "source"."d" (
    "id" integer NOT NULL
);

ALTER TABLE "source"."c" ALTER COLUMN "id" TYPE bigint;

ALTER TABLE "source"."a" REPLICA IDENTITY USING INDEX "a_code";

ALTER TABLE "source"."a" CLUSTER ON "a_pkey";

ALTER TABLE "source"."b" REPLICA IDENTITY NOTHING;

ALTER TABLE "source"."b" SET WITHOUT CLUSTER;

ALTER TABLE "source"."d" REPLICA IDENTITY FULL;

CREATE UNIQUE INDEX "c_id" ON "source"."c" USING "btree" (id);

ALTER TABLE "source"."c" REPLICA IDENTITY USING INDEX "c_id";

ALTER TABLE "source"."c" CLUSTER ON "c_id";

ALTER TABLE "source"."d" ADD CONSTRAINT "d_pkey" PRIMARY KEY (id);

ALTER TABLE "source"."d" CLUSTER ON "d_pkey";
