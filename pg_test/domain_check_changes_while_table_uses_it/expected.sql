SET search_path TO pg_catalog, "source";

ALTER DOMAIN "source"."email" DROP CONSTRAINT "gone";

ALTER DOMAIN "source"."email" DROP CONSTRAINT "has_at";

ALTER DOMAIN "source"."email" ADD CONSTRAINT "has_at" CHECK ((VALUE ~ '^[^@]+@[^@]+$'::text)) NOT VALID;

-- hazards: validates_rows
ALTER DOMAIN "source"."email" VALIDATE CONSTRAINT "has_at";

ALTER DOMAIN "source"."email" ADD CONSTRAINT "short" CHECK ((length(VALUE) < 320)) NOT VALID;

-- hazards: validates_rows
ALTER DOMAIN "source"."email" VALIDATE CONSTRAINT "short";
