SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."narrow" DROP CONSTRAINT "narrow_pkey";

ALTER TABLE "source"."widen" DROP CONSTRAINT "widen_pkey";

-- hazards: data_loss
ALTER TABLE "source"."narrow" ALTER COLUMN "id" TYPE smallint;

ALTER TABLE "source"."widen" ALTER COLUMN "id" TYPE bigint;

ALTER TABLE "source"."widen" ALTER COLUMN "id" SET MAXVALUE 9223372036854775807;

ALTER TABLE "source"."narrow" ADD CONSTRAINT "narrow_pkey" PRIMARY KEY (id);

ALTER TABLE "source"."widen" ADD CONSTRAINT "widen_pkey" PRIMARY KEY (id);
