SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."products" DROP CONSTRAINT "products_discount_check";

ALTER TABLE "source"."products" DROP CONSTRAINT "products_price_check";

ALTER TABLE "source"."products" ADD CONSTRAINT "products_quantity_check" CHECK ((quantity >= 0)) NOT VALID;

ALTER TABLE "source"."products" VALIDATE CONSTRAINT "products_quantity_check";

ALTER TABLE "source"."products" ADD CONSTRAINT "products_sku_check" CHECK ((sku ~ '^[A-Z]{3}-[0-9]+$'::text)) NOT VALID;

ALTER TABLE "source"."products" ADD CONSTRAINT "products_price_check" CHECK (((price >= (0)::numeric) AND (price < (1000000)::numeric))) NOT VALID;

ALTER TABLE "source"."products" VALIDATE CONSTRAINT "products_price_check";

ALTER TABLE "source"."products" VALIDATE CONSTRAINT "products_weight_check";
