SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: data_loss, blocks_writes, blocks_reads
DROP TABLE "source"."t";

CREATE TABLE "source"."t" (
    "id" integer NOT NULL,
    "a" integer NOT NULL
) PARTITION BY RANGE (a);

CREATE TABLE "source"."t1" PARTITION OF "source"."t" FOR VALUES FROM (0) TO (10);

CREATE TABLE "source"."u" (
    "id" integer,
    "k" integer
) PARTITION BY LIST (id);

CREATE TABLE "source"."u1" PARTITION OF "source"."u" FOR VALUES IN (1, 2);

-- lock: ACCESS EXCLUSIVE on source.t
ALTER TABLE "source"."t" ADD CONSTRAINT "t_pkey" PRIMARY KEY (id, a) WITH (fillfactor='70');

-- lock: ACCESS EXCLUSIVE on source.u
ALTER TABLE "source"."u" ADD CONSTRAINT "u_k" UNIQUE (k, id) WITH (fillfactor='80') DEFERRABLE;
