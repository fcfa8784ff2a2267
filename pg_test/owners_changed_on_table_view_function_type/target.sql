-- roles belong to the cluster: made once, whichever case or run comes first
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'migra_owner_a') THEN
    CREATE ROLE migra_owner_a;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'Migra "Owner" B') THEN
    CREATE ROLE "Migra ""Owner"" B";
  END IF;
END $$;

-- owners changed (the serial's sequence follows its table)
CREATE TABLE t (id integer PRIMARY KEY, n serial);
CREATE VIEW v AS SELECT id FROM t;
CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE SEQUENCE free_counter;

ALTER TABLE t OWNER TO "Migra ""Owner"" B";
ALTER VIEW v OWNER TO "Migra ""Owner"" B";
ALTER FUNCTION f() OWNER TO "Migra ""Owner"" B";
ALTER TYPE mood OWNER TO "Migra ""Owner"" B";
ALTER DOMAIN positive OWNER TO "Migra ""Owner"" B";
ALTER SEQUENCE free_counter OWNER TO migra_owner_a;

-- made by the plan, then given their owner
CREATE TABLE t2 (id bigint GENERATED ALWAYS AS IDENTITY, m mood);
CREATE VIEW v2 AS SELECT id FROM t2;
CREATE FUNCTION g(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x';
CREATE TYPE pair AS (a integer, b text);

ALTER TABLE t2 OWNER TO migra_owner_a;
ALTER VIEW v2 OWNER TO migra_owner_a;
ALTER FUNCTION g(integer) OWNER TO migra_owner_a;
ALTER TYPE pair OWNER TO migra_owner_a;
