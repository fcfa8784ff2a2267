SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."users" DROP CONSTRAINT "users_username_key";

ALTER TABLE "source"."users" DROP CONSTRAINT "users_phone_key";

ALTER TABLE "source"."users" ADD CONSTRAINT "users_email_key" UNIQUE NULLS NOT DISTINCT (email);

ALTER TABLE "source"."users" ADD CONSTRAINT "users_tenant_slug_key" UNIQUE (tenant_id, slug);

ALTER TABLE "source"."users" ADD CONSTRAINT "users_phone_key" UNIQUE (tenant_id, phone);
