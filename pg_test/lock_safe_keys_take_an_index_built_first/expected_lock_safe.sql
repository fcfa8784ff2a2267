SET search_path TO pg_catalog, "source";

SET lock_timeout = '5s';

-- lock: ACCESS EXCLUSIVE on source.badges; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."badges" DROP CONSTRAINT "badges_member_handle_fkey";

SET lock_timeout = 0;

SET statement_timeout = 0;

-- lock: SHARE UPDATE EXCLUSIVE on source.accounts; hazards: index_build, non_transactional
CREATE UNIQUE INDEX CONCURRENTLY "accounts_code_key__migra_new" ON "source"."accounts" USING "btree" (code);

-- lock: SHARE UPDATE EXCLUSIVE on source.accounts; hazards: index_build, non_transactional
CREATE UNIQUE INDEX CONCURRENTLY "accounts_email_key__migra_new" ON "source"."accounts" USING "btree" (email) INCLUDE (region);

-- lock: SHARE UPDATE EXCLUSIVE on source.accounts; hazards: index_build, non_transactional
CREATE UNIQUE INDEX CONCURRENTLY "accounts_pkey__migra_new" ON "source"."accounts" USING "btree" (id) WITH (fillfactor='80');

-- lock: SHARE UPDATE EXCLUSIVE on source.members; hazards: index_build, non_transactional
CREATE UNIQUE INDEX CONCURRENTLY "members_handle__migra_new" ON "source"."members" USING "btree" ("Team", handle);

SET lock_timeout = '5s';

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ADD CONSTRAINT "accounts_code_key" UNIQUE USING INDEX "accounts_code_key__migra_new" DEFERRABLE INITIALLY DEFERRED;

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ADD CONSTRAINT "accounts_email_key" UNIQUE USING INDEX "accounts_email_key__migra_new";

-- lock: ACCESS EXCLUSIVE on source.accounts; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."accounts" ADD CONSTRAINT "accounts_pkey" PRIMARY KEY USING INDEX "accounts_pkey__migra_new";

-- lock: ACCESS EXCLUSIVE on source.members; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."members" DROP CONSTRAINT "members_handle";

-- lock: ACCESS EXCLUSIVE on source.members; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."members" ADD CONSTRAINT "members_handle" UNIQUE USING INDEX "members_handle__migra_new";
