-- migra 0.2.0 -> 0.3.0: migra_diff and migra_diff_sql take with_privileges; migra_assert_no_drift
-- and migra_log_drift take uncompared_is_drift (an object of a kind not compared that differs
-- is drift, unless false); the drift and fleet functions leave pg_cron out by default, as they
-- leave dblink out (the checking machinery, not the schema). pg_test/upgrade.py checks that an
-- updated extension has exactly the objects of a fresh install.
\echo Use "ALTER EXTENSION migra UPDATE TO '0.3.0'" to load this file. \quit

DROP FUNCTION migra_diff(text, text, boolean);
DROP FUNCTION migra_diff_sql(text, text, boolean);
DROP FUNCTION migra_assert_no_drift(jsonb, text[], text[], boolean, boolean, text[]);
DROP FUNCTION migra_assert_no_drift(text, text[], text[], boolean, boolean, text[]);
DROP FUNCTION migra_log_drift(jsonb, text, text[], text[], boolean, boolean, text[]);
DROP FUNCTION migra_log_drift(text, text, text[], text[], boolean, boolean, text[]);

CREATE FUNCTION migra_diff(source_schema text, target_schema text, "unsafe" boolean DEFAULT false,
                           with_privileges boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[])
STABLE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_wrapper';

CREATE FUNCTION migra_diff_sql(source_schema text, target_schema text, "unsafe" boolean DEFAULT false,
                               with_privileges boolean DEFAULT false)
RETURNS text
STABLE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_sql_wrapper';

CREATE FUNCTION migra_assert_no_drift(
    expected jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    uncompared_is_drift boolean DEFAULT true)
RETURNS void
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_assert_no_drift_from_snapshot_wrapper';

CREATE FUNCTION migra_assert_no_drift(
    reference text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    uncompared_is_drift boolean DEFAULT true)
RETURNS void
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_assert_no_drift_from_reference_wrapper';

CREATE FUNCTION migra_log_drift(
    expected jsonb, check_name text DEFAULT NULL,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    uncompared_is_drift boolean DEFAULT true)
RETURNS integer
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_log_drift_from_snapshot_wrapper';

CREATE FUNCTION migra_log_drift(
    reference text, check_name text DEFAULT NULL,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    uncompared_is_drift boolean DEFAULT true)
RETURNS integer
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_log_drift_from_reference_wrapper';

-- a new default: the same functions, replaced in place
CREATE OR REPLACE FUNCTION migra_drift(
    expected jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'])
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[])
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_from_snapshot_wrapper';

CREATE OR REPLACE FUNCTION migra_drift(
    reference text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'])
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[])
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_from_reference_wrapper';

CREATE OR REPLACE FUNCTION migra_drift_fleet(
    expected jsonb, databases text[],
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    max_parallel integer DEFAULT 8, timeout_seconds integer DEFAULT 60)
RETURNS TABLE (database_number integer, database text, differences integer, ordinal integer, kind text,
               identity text, action text, statement text, hazards text[], error text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_fleet_from_snapshot_wrapper';

CREATE OR REPLACE FUNCTION migra_drift_fleet(
    reference text, databases text[],
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    max_parallel integer DEFAULT 8, timeout_seconds integer DEFAULT 60)
RETURNS TABLE (database_number integer, database text, differences integer, ordinal integer, kind text,
               identity text, action text, statement text, hazards text[], error text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_fleet_from_reference_wrapper';

-- the descriptions, as sql/function_comments.sql sets them in a fresh install
COMMENT ON FUNCTION migra_diff(text, text, boolean, boolean) IS
  'The statements that make source_schema look like target_schema, one a row in order; unsafe => true allows statements that destroy data, with_privileges => true compares grants';
COMMENT ON FUNCTION migra_diff_sql(text, text, boolean, boolean) IS
  'The plan of migra_diff() as one script, hazardous statements marked; empty when the schemas match';
COMMENT ON FUNCTION migra_diff_remote(text, text, text[], text[], boolean, boolean, boolean, boolean, text[]) IS
  'The statements that make database source look like database target; each is a connection string, a foreign server name, or NULL for this database';
COMMENT ON FUNCTION migra_snapshot(text[], text) IS
  'The schema of this database (or of the one source reaches) as a portable jsonb snapshot, for the listed schemas or all user schemas';
COMMENT ON FUNCTION migra_diff_snapshots(jsonb, jsonb, text[], text[], boolean, boolean, boolean, boolean, text[]) IS
  'The statements that make the database of snapshot source look like that of snapshot target, without any connection';
COMMENT ON FUNCTION migra_drift(jsonb, text[], text[], boolean, boolean, text[]) IS
  'Drift: the statements that take this database from its live state to the expected snapshot (e.g. migra_baseline(name)); no rows when it matches';
COMMENT ON FUNCTION migra_drift(text, text[], text[], boolean, boolean, text[]) IS
  'Drift: the statements that take this database from its live state to the schema of a reference database (connection string or foreign server name)';
COMMENT ON FUNCTION migra_assert_no_drift(jsonb, text[], text[], boolean, boolean, text[], boolean) IS
  'Returns nothing when this database matches the expected snapshot; otherwise raises P0004 naming the differences, objects not compared that differ among them unless uncompared_is_drift => false (for pg_cron and deploy checks)';
COMMENT ON FUNCTION migra_assert_no_drift(text, text[], text[], boolean, boolean, text[], boolean) IS
  'Returns nothing when this database matches the reference database; otherwise raises P0004 naming the differences, objects not compared that differ among them unless uncompared_is_drift => false (for pg_cron and deploy checks)';
COMMENT ON FUNCTION migra_log_drift(jsonb, text, text[], text[], boolean, boolean, text[], boolean) IS
  'Writes the drift from the expected snapshot to migra_drift_log (nothing when there is none) and returns the number of differences';
COMMENT ON FUNCTION migra_log_drift(text, text, text[], text[], boolean, boolean, text[], boolean) IS
  'Writes the drift from the reference database to migra_drift_log (nothing when there is none) and returns the number of differences';
COMMENT ON FUNCTION migra_baseline_save(text, text[], text) IS
  'Saves a snapshot of this database (or of the one source reaches) in migra_baselines under a name, replacing one of that name';
COMMENT ON FUNCTION migra_baseline(text) IS
  'The snapshot saved as baseline name, for migra_drift(), migra_assert_no_drift() and migra_log_drift()';
COMMENT ON FUNCTION migra_drift_fleet(jsonb, text[], text[], text[], boolean, boolean, text[], integer, integer) IS
  'Drift of many databases (connection strings or foreign server names) from one snapshot, read in parallel: a row per difference, differences = 0 for a match, error for a database that could not be read';
COMMENT ON FUNCTION migra_drift_fleet(text, text[], text[], text[], boolean, boolean, text[], integer, integer) IS
  'Drift of many databases (connection strings or foreign server names) from a reference database, read in parallel: a row per difference, differences = 0 for a match, error for a database that could not be read';
