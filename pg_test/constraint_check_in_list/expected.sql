SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."orders" ALTER COLUMN "kind" TYPE character varying(20);

ALTER TABLE "source"."orders" ADD CONSTRAINT "orders_kind_check" CHECK (((kind)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))) NOT VALID;

ALTER TABLE "source"."orders" VALIDATE CONSTRAINT "orders_kind_check";

ALTER TABLE "source"."orders" ADD CONSTRAINT "orders_status_check" CHECK (((status)::text = ANY ((ARRAY['new'::character varying, 'paid'::character varying, 'it''s shipped'::character varying])::text[]))) NOT VALID;

ALTER TABLE "source"."orders" VALIDATE CONSTRAINT "orders_status_check";
