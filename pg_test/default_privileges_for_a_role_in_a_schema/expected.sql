SET search_path TO pg_catalog, "source";

-- hazards: authz_change
ALTER DEFAULT PRIVILEGES FOR ROLE "Migra ""Priv"" B" IN SCHEMA "source" REVOKE GRANT OPTION FOR EXECUTE ON FUNCTIONS FROM "migra_priv_a";

-- hazards: authz_change
ALTER DEFAULT PRIVILEGES FOR ROLE "migra_priv_a" IN SCHEMA "source" REVOKE UPDATE ON TABLES FROM "Migra ""Priv"" B";

-- hazards: authz_change
ALTER DEFAULT PRIVILEGES FOR ROLE "migra_priv_a" IN SCHEMA "source" GRANT INSERT ON TABLES TO "Migra ""Priv"" B";

-- hazards: authz_change
ALTER DEFAULT PRIVILEGES FOR ROLE "migra_priv_a" IN SCHEMA "source" REVOKE ALL ON SEQUENCES FROM PUBLIC;

-- hazards: authz_change
ALTER DEFAULT PRIVILEGES FOR ROLE "migra_priv_a" IN SCHEMA "source" GRANT USAGE ON TYPES TO "Migra ""Priv"" B" WITH GRANT OPTION;
