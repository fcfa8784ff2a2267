SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ALTER COLUMN "kind" TYPE character varying(20);

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ADD CONSTRAINT "orders_kind_check" CHECK (((kind)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.orders; hazards: validates_rows
ALTER TABLE "source"."orders" VALIDATE CONSTRAINT "orders_kind_check";

-- lock: ACCESS EXCLUSIVE on source.orders; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."orders" ADD CONSTRAINT "orders_status_check" CHECK (((status)::text = ANY ((ARRAY['new'::character varying, 'paid'::character varying, 'it''s shipped'::character varying])::text[]))) NOT VALID;

-- lock: SHARE UPDATE EXCLUSIVE on source.orders; hazards: validates_rows
ALTER TABLE "source"."orders" VALIDATE CONSTRAINT "orders_status_check";
