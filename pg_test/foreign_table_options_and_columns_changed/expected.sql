SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."items" DROP COLUMN "legacy";

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads
ALTER FOREIGN TABLE "source"."items" OPTIONS (DROP table_name, DROP fetch_size, ADD schema_name 'shop', ADD table_name 'items');

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."items" ADD COLUMN "added_on" date OPTIONS (column_name 'added');

-- lock: ACCESS EXCLUSIVE on source.items; hazards: validates_rows, blocks_writes, blocks_reads
ALTER TABLE "source"."items" ALTER COLUMN "id" SET NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads
ALTER FOREIGN TABLE "source"."items" ALTER COLUMN "id" OPTIONS (SET column_name 'id');

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."items" ALTER COLUMN "name" TYPE character varying(100);

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."items" ALTER COLUMN "name" SET DEFAULT 'unnamed'::character varying;

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads
ALTER FOREIGN TABLE "source"."items" ALTER COLUMN "price" OPTIONS (ADD column_name 'cost');

-- lock: ACCESS EXCLUSIVE on source.kept; hazards: blocks_writes, blocks_reads
ALTER FOREIGN TABLE "source"."kept" OPTIONS (SET schema_name 'b', ADD use_remote_estimate 'true');

-- lock: ACCESS EXCLUSIVE on source.kept; hazards: blocks_writes, blocks_reads
ALTER FOREIGN TABLE "source"."kept" ALTER COLUMN "id" OPTIONS (SET column_name 'ident');

-- lock: ACCESS EXCLUSIVE on source.items; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."items" ADD CONSTRAINT "price_positive" CHECK ((price > (0)::numeric)) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.items; hazards: validates_rows
ALTER TABLE "source"."items" VALIDATE CONSTRAINT "price_positive";
