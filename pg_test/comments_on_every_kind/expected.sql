SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

CREATE COLLATION "source"."numeric" (provider = libc, lc_collate = 'C', lc_ctype = 'C');

CREATE TYPE "source"."address" AS ("street" text);

CREATE DOMAIN "source"."email" AS text CONSTRAINT "has_at" CHECK ((VALUE ~ '@'::text));

CREATE TYPE "source"."mood" AS ENUM ('ok');

CREATE FUNCTION "source"."f"(a integer, b text DEFAULT 'x'::text)
 RETURNS integer
 LANGUAGE sql
AS $function$SELECT a$function$;

CREATE FUNCTION "source"."noop"()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN RETURN NEW; END $function$;

CREATE SEQUENCE "source"."counter" AS bigint START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE;

-- lock: ACCESS EXCLUSIVE on source.account; hazards: data_loss, table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."account" ALTER COLUMN "email" TYPE email USING "email"::text::email;

-- lock: ACCESS EXCLUSIVE on source.account; hazards: blocks_writes, blocks_reads, authz_change
ALTER TABLE "source"."account" ENABLE ROW LEVEL SECURITY;

-- lock: SHARE on source.account; hazards: index_build, blocks_writes
CREATE INDEX "account_lower" ON "source"."account" USING "btree" (lower((email)::text));

-- lock: ACCESS EXCLUSIVE on source.account; hazards: validates_rows, index_build, blocks_writes, blocks_reads
ALTER TABLE "source"."account" ADD CONSTRAINT "email is ""unique""" UNIQUE (email);

CREATE MATERIALIZED VIEW "source"."mv" AS
SELECT account.id
   FROM account WITH DATA;

CREATE VIEW "source"."v" AS
SELECT account.id
   FROM account;

-- lock: ACCESS EXCLUSIVE on source.account; hazards: blocks_writes, blocks_reads, authz_change
CREATE POLICY "mine" ON "source"."account" AS PERMISSIVE FOR ALL TO PUBLIC USING (true);

-- lock: SHARE ROW EXCLUSIVE on source.account; hazards: blocks_writes
CREATE TRIGGER "t" BEFORE INSERT ON "source"."account" FOR EACH ROW EXECUTE FUNCTION noop();

COMMENT ON COLUMN "source"."address"."street" IS 'an attribute';

COMMENT ON COLLATION "source"."numeric" IS 'a collation';

-- lock: SHARE UPDATE EXCLUSIVE on source.account
COMMENT ON COLUMN "source"."account"."email" IS 'It''s the "login"; unicode ✓ and
a second line';

-- lock: ACCESS SHARE on source.account
COMMENT ON CONSTRAINT "account_pkey" ON "source"."account" IS 'key';

-- lock: ACCESS SHARE on source.account
COMMENT ON CONSTRAINT "email is ""unique""" ON "source"."account" IS 'No two alike, even with ''quotes''';

COMMENT ON CONSTRAINT "has_at" ON DOMAIN "source"."email" IS 'a domain constraint';

-- lock: SHARE UPDATE EXCLUSIVE on source.account_lower
COMMENT ON INDEX "source"."account_lower" IS 'for lookups';

-- lock: SHARE UPDATE EXCLUSIVE on source.mv
COMMENT ON MATERIALIZED VIEW "source"."mv" IS 'a matview';

-- lock: ACCESS SHARE on source.account
COMMENT ON POLICY "mine" ON "source"."account" IS 'a policy';

COMMENT ON ROUTINE "source".f(a integer, b text) IS 'a function';

-- lock: SHARE UPDATE EXCLUSIVE on source.counter
COMMENT ON SEQUENCE "source"."counter" IS 'counts';

-- lock: SHARE UPDATE EXCLUSIVE on source.account
COMMENT ON TABLE "source"."account" IS 'Accounts: one per customer';

-- lock: ACCESS SHARE on source.account
COMMENT ON TRIGGER "t" ON "source"."account" IS 'a trigger';

COMMENT ON TYPE "source"."address" IS 'a composite';

COMMENT ON DOMAIN "source"."email" IS 'a domain';

COMMENT ON TYPE "source"."mood" IS 'an enum';

-- lock: SHARE UPDATE EXCLUSIVE on source.v
COMMENT ON VIEW "source"."v" IS 'a view';

-- lock: SHARE UPDATE EXCLUSIVE on source.v
COMMENT ON COLUMN "source"."v"."id" IS 'a view column';
