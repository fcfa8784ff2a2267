SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.users; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."users" DROP CONSTRAINT "users_username_key";

-- lock: ACCESS EXCLUSIVE on source.users; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."users" DROP CONSTRAINT "users_phone_key";

-- lock: ACCESS EXCLUSIVE on source.users; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."users" ADD CONSTRAINT "users_email_key" UNIQUE NULLS NOT DISTINCT (email);

-- lock: ACCESS EXCLUSIVE on source.users; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."users" ADD CONSTRAINT "users_tenant_slug_key" UNIQUE (tenant_id, slug);

-- lock: ACCESS EXCLUSIVE on source.users; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."users" ADD CONSTRAINT "users_phone_key" UNIQUE (tenant_id, phone);
