SET search_path TO pg_catalog, "source";

CREATE TYPE "source"."point3" AS ("x" double precision, "y" double precision, "z" double precision);

ALTER TYPE "source"."address" ALTER ATTRIBUTE "city" TYPE text COLLATE "C";

ALTER TYPE "source"."address" ALTER ATTRIBUTE "zip" TYPE text;

ALTER TYPE "source"."address" ADD ATTRIBUTE "country" text;

DROP TYPE "source"."gone";
