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

CREATE TABLE t (id integer PRIMARY KEY, n serial);
CREATE VIEW v AS SELECT id FROM t;
CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE SEQUENCE free_counter;

ALTER TABLE t OWNER TO migra_owner_a;
ALTER VIEW v OWNER TO migra_owner_a;
ALTER FUNCTION f() OWNER TO migra_owner_a;
ALTER TYPE mood OWNER TO migra_owner_a;
ALTER DOMAIN positive OWNER TO migra_owner_a;
