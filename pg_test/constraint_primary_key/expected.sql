SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."loses_pk" DROP CONSTRAINT "loses_pk_pkey";

ALTER TABLE "source"."pk_deferrable" DROP CONSTRAINT "pk_deferrable_pkey";

ALTER TABLE "source"."pk_moves" DROP CONSTRAINT "pk_moves_pkey";

ALTER TABLE "source"."gains_pk" ADD CONSTRAINT "gains_pk_pkey" PRIMARY KEY (id);

ALTER TABLE "source"."pk_include" ADD CONSTRAINT "pk_include_pkey" PRIMARY KEY (id) INCLUDE (payload);

ALTER TABLE "source"."pk_deferrable" ADD CONSTRAINT "pk_deferrable_pkey" PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE "source"."pk_moves" ADD CONSTRAINT "pk_moves_pkey" PRIMARY KEY (a, b);
