SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."staff" NOT OF;

ALTER TYPE "source"."person" ADD ATTRIBUTE "email" text;

CREATE TABLE "source"."customer" (
    "name" text,
    "born" date,
    "email" text DEFAULT 'none'::text
);

ALTER TABLE "source"."loose" ADD COLUMN "email" text;

ALTER TABLE "source"."staff" ADD COLUMN "email" text;

ALTER TABLE "source"."customer" OF person;

ALTER TABLE "source"."loose" OF person;

ALTER TABLE "source"."staff" OF person;
