SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source."user"; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."Old Index";

-- lock: ACCESS EXCLUSIVE on source."Order Items"; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."idx ""quoted"" name";

-- lock: ACCESS EXCLUSIVE on source."Order Items"; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."Order Items" DROP COLUMN "old column";

-- lock: ACCESS EXCLUSIVE on source."Drop Me ""Now"""; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."Drop Me ""Now""";

-- lock: ACCESS EXCLUSIVE on source."seq ""to"" drop"; hazards: data_loss, blocks_writes, blocks_reads
DROP SEQUENCE "source"."seq ""to"" drop";

CREATE SEQUENCE "source"."New ""Seq"" Ünï" AS bigint START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE;

CREATE TABLE "source"."Ünïcödé Tåble" (
    "Ключ" integer GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME "source"."Ünïcödé Tåble_Ключ_seq" START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 NO CYCLE) NOT NULL,
    "table" text,
    "Mixed Case" integer
);

-- lock: ACCESS EXCLUSIVE on source."Order Items"; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."Order Items" ADD COLUMN "New Column" boolean DEFAULT false;

-- lock: ACCESS EXCLUSIVE on source."Order Items"; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."Order Items" ALTER COLUMN "say ""hi""" SET NOT NULL;

-- lock: ACCESS EXCLUSIVE on source."Order Items"; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."Order Items" ALTER COLUMN "say ""hi""" SET DEFAULT 'he said "hi"'::text;

-- lock: ACCESS EXCLUSIVE on source."Order Items"; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."Order Items" ALTER COLUMN "select" TYPE character varying(100);

-- lock: ACCESS EXCLUSIVE on source."user"; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."user" ADD COLUMN "Order Item ID" integer;

-- lock: ACCESS EXCLUSIVE on source."user"; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."user" ALTER COLUMN "Größe" TYPE numeric(6,2);

-- lock: ACCESS EXCLUSIVE on source."user"; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."user" ALTER COLUMN "Größe" SET NOT NULL;

-- lock: ACCESS EXCLUSIVE on source."user"; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."user" ALTER COLUMN "Größe" SET DEFAULT 0;

-- lock: ACCESS EXCLUSIVE on source."user"; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."user" ALTER COLUMN "café" TYPE text COLLATE "C";

-- lock: SHARE ROW EXCLUSIVE on source."New ""Seq"" Ünï"
ALTER SEQUENCE "source"."New ""Seq"" Ünï" OWNED BY "source"."Ünïcödé Tåble"."Mixed Case";

-- lock: SHARE ROW EXCLUSIVE on source."My Seq"; hazards: blocks_writes
ALTER SEQUENCE "source"."My Seq" INCREMENT BY 10;

-- lock: SHARE on source."user"; hazards: index_build, blocks_writes
CREATE INDEX "Größe Index" ON "source"."user" USING "btree" ("Größe" DESC);

-- lock: SHARE on source."Ünïcödé Tåble"
CREATE INDEX "where" ON "source"."Ünïcödé Tåble" USING "btree" (lower("table")) WHERE ("Mixed Case" > 0);

-- lock: SHARE on source."Order Items"; hazards: index_build, blocks_writes
CREATE INDEX "idx ""quoted"" name" ON "source"."Order Items" USING "btree" ("select", "ID");

-- lock: ACCESS EXCLUSIVE on source."Order Items"; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."Order Items" ADD CONSTRAINT "check ""select""" CHECK ((("select")::text <> 'from'::text)) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source."Order Items"; hazards: validates_rows
ALTER TABLE "source"."Order Items" VALIDATE CONSTRAINT "check ""select""";

-- lock: ACCESS EXCLUSIVE on source."Order Items"; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."Order Items" ADD CONSTRAINT "uq say hi" UNIQUE ("say ""hi""");

-- lock: ACCESS EXCLUSIVE on source."Ünïcödé Tåble"
ALTER TABLE "source"."Ünïcödé Tåble" ADD CONSTRAINT "Ünïcödé Tåble_pkey" PRIMARY KEY ("Ключ");

-- lock: SHARE ROW EXCLUSIVE on source."user"; hazards: blocks_writes
ALTER TABLE "source"."user" ADD CONSTRAINT "user → Order Items" FOREIGN KEY ("Order Item ID") REFERENCES "Order Items"("ID") ON DELETE SET NULL NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source."user"; hazards: validates_rows
ALTER TABLE "source"."user" VALIDATE CONSTRAINT "user → Order Items";
