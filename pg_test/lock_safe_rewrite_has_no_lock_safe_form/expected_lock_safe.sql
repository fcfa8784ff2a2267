SET search_path TO pg_catalog, "source";

SET lock_timeout = 0;

SET statement_timeout = 0;

-- lock: SHARE UPDATE EXCLUSIVE on source.readings; hazards: non_transactional
DROP INDEX CONCURRENTLY "source"."readings_value";

SET lock_timeout = '5s';

RESET statement_timeout;

-- lock: ACCESS EXCLUSIVE on source.readings; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."readings" ALTER COLUMN "value" TYPE bigint;

-- lock: ACCESS EXCLUSIVE on source.readings; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."readings" ADD CONSTRAINT "readings_no_overlap" EXCLUDE USING btree (id WITH =);

SET lock_timeout = 0;

SET statement_timeout = 0;

-- lock: SHARE UPDATE EXCLUSIVE on source.readings; hazards: index_build, non_transactional
CREATE INDEX CONCURRENTLY "readings_value" ON "source"."readings" USING "btree" (value);
