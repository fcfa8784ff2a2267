-- roles belong to the cluster: made once, whichever case or run comes first; "PUBLIC" is a
-- role of that name, not the PUBLIC grantee
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'migra_priv_a') THEN
    CREATE ROLE migra_priv_a;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'Migra "Priv" B') THEN
    CREATE ROLE "Migra ""Priv"" B";
  END IF;
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'PUBLIC') THEN
    CREATE ROLE "PUBLIC";
  END IF;
END $$;

CREATE TABLE t (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);
GRANT SELECT ON t TO migra_priv_a;
GRANT SELECT ON t TO "PUBLIC";
GRANT USAGE ON SEQUENCE t_id_seq TO migra_priv_a;

CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';
GRANT EXECUTE ON FUNCTION f() TO migra_priv_a WITH GRANT OPTION;

CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
GRANT USAGE ON DOMAIN positive TO "Migra ""Priv"" B";
