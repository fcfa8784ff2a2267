-- migra 0.1.0 -> 0.2.0: drift checks (migra_drift, migra_assert_no_drift, migra_log_drift,
-- migra_drift_fleet), baselines (migra_baselines, migra_baseline_save, migra_baseline), the drift
-- log, and a description of every function. pg_test/upgrade.py checks that an updated extension
-- has exactly the objects of a fresh install.
\echo Use "ALTER EXTENSION migra UPDATE TO '0.2.0'" to load this file. \quit

CREATE TABLE migra_baselines (
    name text PRIMARY KEY,
    snapshot jsonb NOT NULL CHECK (pg_catalog.jsonb_typeof(snapshot) = 'object'),
    saved_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    saved_by name NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE migra_baselines IS 'Snapshots kept under a name by migra_baseline_save(); read with migra_baseline(name)';
SELECT pg_catalog.pg_extension_config_dump('migra_baselines', '');

CREATE TABLE migra_drift_log (
    found_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    database name NOT NULL DEFAULT pg_catalog.current_database(),
    check_name text,
    differences integer NOT NULL CHECK (differences > 0),
    drift jsonb NOT NULL
);
CREATE INDEX migra_drift_log_found_at ON migra_drift_log (found_at);
COMMENT ON TABLE migra_drift_log IS 'Drift found by migra_log_drift(): when, by which check, how many differences, and the rows of migra_drift()';
SELECT pg_catalog.pg_extension_config_dump('migra_drift_log', '');

CREATE FUNCTION migra_baseline_save(name text, schemas text[] DEFAULT NULL, source text DEFAULT NULL)
RETURNS void
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_baseline_save_wrapper';

CREATE FUNCTION migra_baseline(name text)
RETURNS jsonb
STABLE PARALLEL SAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_baseline_wrapper';

CREATE FUNCTION migra_drift(
    expected jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'])
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[])
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_from_snapshot_wrapper';

CREATE FUNCTION migra_drift(
    reference text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'])
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[])
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_from_reference_wrapper';

CREATE FUNCTION migra_assert_no_drift(
    expected jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'])
RETURNS void
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_assert_no_drift_from_snapshot_wrapper';

CREATE FUNCTION migra_assert_no_drift(
    reference text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'])
RETURNS void
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_assert_no_drift_from_reference_wrapper';

CREATE FUNCTION migra_log_drift(
    expected jsonb, check_name text DEFAULT NULL,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'])
RETURNS integer
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_log_drift_from_snapshot_wrapper';

CREATE FUNCTION migra_log_drift(
    reference text, check_name text DEFAULT NULL,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'])
RETURNS integer
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_log_drift_from_reference_wrapper';

CREATE FUNCTION migra_drift_fleet(
    expected jsonb, databases text[],
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'],
    max_parallel integer DEFAULT 8, timeout_seconds integer DEFAULT 60)
RETURNS TABLE (database_number integer, database text, differences integer, ordinal integer, kind text,
               identity text, action text, statement text, hazards text[], error text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_fleet_from_snapshot_wrapper';

CREATE FUNCTION migra_drift_fleet(
    reference text, databases text[],
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'],
    max_parallel integer DEFAULT 8, timeout_seconds integer DEFAULT 60)
RETURNS TABLE (database_number integer, database text, differences integer, ordinal integer, kind text,
               identity text, action text, statement text, hazards text[], error text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_fleet_from_reference_wrapper';

COMMENT ON FUNCTION migra_diff(text, text, boolean) IS
  'The statements that make source_schema look like target_schema, one a row in order; unsafe => true allows statements that destroy data';
COMMENT ON FUNCTION migra_diff_sql(text, text, boolean) IS
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
COMMENT ON FUNCTION migra_assert_no_drift(jsonb, text[], text[], boolean, boolean, text[]) IS
  'Returns nothing when this database matches the expected snapshot; otherwise raises P0004 naming the differences (for pg_cron and deploy checks)';
COMMENT ON FUNCTION migra_assert_no_drift(text, text[], text[], boolean, boolean, text[]) IS
  'Returns nothing when this database matches the reference database; otherwise raises P0004 naming the differences (for pg_cron and deploy checks)';
COMMENT ON FUNCTION migra_log_drift(jsonb, text, text[], text[], boolean, boolean, text[]) IS
  'Writes the drift from the expected snapshot to migra_drift_log (nothing when there is none) and returns the number of differences';
COMMENT ON FUNCTION migra_log_drift(text, text, text[], text[], boolean, boolean, text[]) IS
  'Writes the drift from the reference database to migra_drift_log (nothing when there is none) and returns the number of differences';
COMMENT ON FUNCTION migra_baseline_save(text, text[], text) IS
  'Saves a snapshot of this database (or of the one source reaches) in migra_baselines under a name, replacing one of that name';
COMMENT ON FUNCTION migra_baseline(text) IS
  'The snapshot saved as baseline name, for migra_drift(), migra_assert_no_drift() and migra_log_drift()';
COMMENT ON FUNCTION migra_drift_fleet(jsonb, text[], text[], text[], boolean, boolean, text[], integer, integer) IS
  'Drift of many databases (connection strings or foreign server names) from one snapshot, read in parallel: a row per difference, differences = 0 for a match, error for a database that could not be read';
COMMENT ON FUNCTION migra_drift_fleet(text, text[], text[], text[], boolean, boolean, text[], integer, integer) IS
  'Drift of many databases (connection strings or foreign server names) from a reference database, read in parallel: a row per difference, differences = 0 for a match, error for a database that could not be read';
