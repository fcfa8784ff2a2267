SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."conversions" DROP CONSTRAINT "conversions_pkey";

-- hazards: data_loss
ALTER TABLE "source"."conversions" ALTER COLUMN "code" TYPE text;

ALTER TABLE "source"."conversions" ALTER COLUMN "counter" TYPE bigint;

-- hazards: data_loss
ALTER TABLE "source"."conversions" ALTER COLUMN "description" TYPE character varying(10);

ALTER TABLE "source"."conversions" ALTER COLUMN "flag" TYPE integer;

ALTER TABLE "source"."conversions" ALTER COLUMN "id" TYPE bigint;

ALTER TABLE "source"."conversions" ALTER COLUMN "ids" TYPE bigint[];

ALTER TABLE "source"."conversions" ALTER COLUMN "price" TYPE numeric(12,4);

ALTER TABLE "source"."conversions" ALTER COLUMN "short_name" TYPE character varying(20);

-- hazards: data_loss
ALTER TABLE "source"."conversions" ALTER COLUMN "stamp" TYPE timestamp(3) with time zone USING "stamp"::timestamp(3) with time zone;

ALTER TABLE "source"."conversions" ADD CONSTRAINT "conversions_pkey" PRIMARY KEY (id);
