SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.loses_pk; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."loses_pk" DROP CONSTRAINT "loses_pk_pkey";

-- lock: ACCESS EXCLUSIVE on source.pk_deferrable; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."pk_deferrable" DROP CONSTRAINT "pk_deferrable_pkey";

-- lock: ACCESS EXCLUSIVE on source.pk_moves; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."pk_moves" DROP CONSTRAINT "pk_moves_pkey";

-- lock: ACCESS EXCLUSIVE on source.gains_pk; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."gains_pk" ADD CONSTRAINT "gains_pk_pkey" PRIMARY KEY (id);

-- lock: ACCESS EXCLUSIVE on source.pk_include; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."pk_include" ADD CONSTRAINT "pk_include_pkey" PRIMARY KEY (id) INCLUDE (payload);

-- lock: ACCESS EXCLUSIVE on source.pk_deferrable; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."pk_deferrable" ADD CONSTRAINT "pk_deferrable_pkey" PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED;

-- lock: ACCESS EXCLUSIVE on source.pk_moves; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."pk_moves" ADD CONSTRAINT "pk_moves_pkey" PRIMARY KEY (a, b);
