SET search_path TO pg_catalog, "source";

DROP INDEX "source"."Old Index";

DROP INDEX "source"."idx ""quoted"" name";

-- hazards: data_loss
ALTER TABLE "source"."Order Items" DROP COLUMN "old column";

-- hazards: data_loss
DROP TABLE "source"."Drop Me ""Now""";

-- hazards: data_loss
DROP SEQUENCE "source"."seq ""to"" drop";

CREATE SEQUENCE "source"."New ""Seq"" Ünï" AS bigint START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE;

CREATE TABLE "source"."Ünïcödé Tåble" (
    "Ключ" integer GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME "source"."Ünïcödé Tåble_Ключ_seq" START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 NO CYCLE) NOT NULL,
    "table" text,
    "Mixed Case" integer
);

ALTER TABLE "source"."Order Items" ADD COLUMN "New Column" boolean DEFAULT false;

ALTER TABLE "source"."Order Items" ALTER COLUMN "say ""hi""" SET NOT NULL;

ALTER TABLE "source"."Order Items" ALTER COLUMN "say ""hi""" SET DEFAULT 'he said "hi"'::text;

-- hazards: data_loss
ALTER TABLE "source"."Order Items" ALTER COLUMN "select" TYPE character varying(100);

ALTER TABLE "source"."user" ADD COLUMN "Order Item ID" integer;

ALTER TABLE "source"."user" ALTER COLUMN "Größe" TYPE numeric(6,2);

ALTER TABLE "source"."user" ALTER COLUMN "Größe" SET NOT NULL;

ALTER TABLE "source"."user" ALTER COLUMN "Größe" SET DEFAULT 0;

ALTER TABLE "source"."user" ALTER COLUMN "café" TYPE text COLLATE "C";

ALTER SEQUENCE "source"."New ""Seq"" Ünï" OWNED BY "source"."Ünïcödé Tåble"."Mixed Case";

ALTER SEQUENCE "source"."My Seq" INCREMENT BY 10;

CREATE INDEX "Größe Index" ON "source"."user" USING "btree" ("Größe" DESC);

CREATE INDEX "where" ON "source"."Ünïcödé Tåble" USING "btree" (lower("table")) WHERE ("Mixed Case" > 0);

CREATE INDEX "idx ""quoted"" name" ON "source"."Order Items" USING "btree" ("select", "ID");

ALTER TABLE "source"."Order Items" ADD CONSTRAINT "check ""select""" CHECK ((("select")::text <> 'from'::text)) NOT VALID;

ALTER TABLE "source"."Order Items" VALIDATE CONSTRAINT "check ""select""";

ALTER TABLE "source"."Order Items" ADD CONSTRAINT "uq say hi" UNIQUE ("say ""hi""");

ALTER TABLE "source"."Ünïcödé Tåble" ADD CONSTRAINT "Ünïcödé Tåble_pkey" PRIMARY KEY ("Ключ");

ALTER TABLE "source"."user" ADD CONSTRAINT "user → Order Items" FOREIGN KEY ("Order Item ID") REFERENCES "Order Items"("ID") ON DELETE SET NULL NOT VALID;

ALTER TABLE "source"."user" VALIDATE CONSTRAINT "user → Order Items";
