SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.staff; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."staff" NOT OF;

ALTER TYPE "source"."person" ADD ATTRIBUTE "email" text;

CREATE TABLE "source"."customer" (
    "name" text,
    "born" date,
    "email" text DEFAULT 'none'::text
);

-- lock: ACCESS EXCLUSIVE on source.loose; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."loose" ADD COLUMN "email" text;

-- lock: ACCESS EXCLUSIVE on source.staff; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."staff" ADD COLUMN "email" text;

-- lock: ACCESS EXCLUSIVE on source.customer
ALTER TABLE "source"."customer" OF person;

-- lock: ACCESS EXCLUSIVE on source.loose; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."loose" OF person;

-- lock: ACCESS EXCLUSIVE on source.staff; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."staff" OF person;
