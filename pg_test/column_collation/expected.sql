SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."labels" ADD COLUMN "new_sorted" text COLLATE "C" DEFAULT ''::text NOT NULL;

ALTER TABLE "source"."labels" ALTER COLUMN "c_to_default" TYPE character varying(40);

ALTER TABLE "source"."labels" ALTER COLUMN "c_to_posix" TYPE text COLLATE "POSIX";

ALTER TABLE "source"."labels" ALTER COLUMN "plain_to_c" TYPE text COLLATE "C";
