SET search_path TO pg_catalog, "source";

ALTER TYPE "source"."status" ADD VALUE 'new' BEFORE 'pending';

ALTER TYPE "source"."status" ADD VALUE 'processing' AFTER 'pending';

ALTER TYPE "source"."status" ADD VALUE 'rejected' AFTER 'complete';
