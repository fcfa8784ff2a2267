SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.labels; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."labels" ADD COLUMN "new_sorted" text COLLATE "C" DEFAULT ''::text NOT NULL;

-- lock: ACCESS EXCLUSIVE on source.labels; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."labels" ALTER COLUMN "c_to_default" TYPE character varying(40);

-- lock: ACCESS EXCLUSIVE on source.labels; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."labels" ALTER COLUMN "c_to_posix" TYPE text COLLATE "POSIX";

-- lock: ACCESS EXCLUSIVE on source.labels; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."labels" ALTER COLUMN "plain_to_c" TYPE text COLLATE "C";
