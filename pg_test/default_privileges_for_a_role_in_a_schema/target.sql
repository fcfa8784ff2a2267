-- roles belong to the cluster: made once, whichever case or run comes first
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'migra_priv_a') THEN
    CREATE ROLE migra_priv_a;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'Migra "Priv" B') THEN
    CREATE ROLE "Migra ""Priv"" B";
  END IF;
END $$;

-- IN SCHEMA needs the schema's name: this file is loaded with the schema first in the path
DO $$
DECLARE s text := pg_catalog.quote_ident(pg_catalog.current_schema());
BEGIN
  EXECUTE 'ALTER DEFAULT PRIVILEGES FOR ROLE migra_priv_a IN SCHEMA ' || s
       || ' GRANT SELECT, INSERT ON TABLES TO "Migra ""Priv"" B"';
  EXECUTE 'ALTER DEFAULT PRIVILEGES FOR ROLE "Migra ""Priv"" B" IN SCHEMA ' || s
       || ' GRANT EXECUTE ON FUNCTIONS TO migra_priv_a';
  -- new: a role's default privileges on types, with grant option, to PUBLIC and to a role
  EXECUTE 'ALTER DEFAULT PRIVILEGES FOR ROLE migra_priv_a IN SCHEMA ' || s
       || ' GRANT USAGE ON TYPES TO "Migra ""Priv"" B" WITH GRANT OPTION';
END $$;

CREATE TABLE t (id integer PRIMARY KEY);
