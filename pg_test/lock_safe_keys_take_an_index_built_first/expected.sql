SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.badges; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."badges" DROP CONSTRAINT "badges_member_handle_fkey";

-- lock: ACCESS EXCLUSIVE on source.members; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."members" DROP CONSTRAINT "members_handle";

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ADD CONSTRAINT "accounts_code_key" UNIQUE (code) DEFERRABLE INITIALLY DEFERRED;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ADD CONSTRAINT "accounts_email_key" UNIQUE (email) INCLUDE (region);

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ADD CONSTRAINT "accounts_pkey" PRIMARY KEY (id);

-- lock: SHARE UPDATE EXCLUSIVE on source.accounts_pkey
ALTER INDEX "source"."accounts_pkey" SET (fillfactor='80');

-- lock: ACCESS EXCLUSIVE on source.members; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."members" ADD CONSTRAINT "members_handle" UNIQUE ("Team", handle);
