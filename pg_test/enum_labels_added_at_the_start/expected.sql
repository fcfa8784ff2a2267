SET search_path TO pg_catalog, "source";

ALTER TYPE "source"."e" ADD VALUE 'a' BEFORE 'c';

ALTER TYPE "source"."e" ADD VALUE 'b' AFTER 'a';

ALTER TYPE "source"."e" ADD VALUE 'd' AFTER 'c';

ALTER TYPE "source"."empty" ADD VALUE 'first';

ALTER TYPE "source"."empty" ADD VALUE 'second' AFTER 'first';
