-- migra 0.3.0 -> 0.4.0: every diff function's rows say what each statement costs production:
-- relation (the table, view, sequence or index the statement locks), lock_mode (the strongest
-- lock it takes there), table_rows and table_bytes (that table's live size, for a plan that
-- applies to this database), and hazards beyond data_loss. A function's result columns cannot
-- change in place: each is dropped and made again. pg_test/upgrade.py checks that an updated
-- extension has exactly the objects of a fresh install.
\echo Use "ALTER EXTENSION migra UPDATE TO '0.4.0'" to load this file. \quit

DROP FUNCTION migra_diff(text, text, boolean, boolean);
DROP FUNCTION migra_diff_sql(text, text, boolean, boolean);
DROP FUNCTION migra_diff_remote(text, text, text[], text[], boolean, boolean, boolean, boolean, text[]);
DROP FUNCTION migra_diff_snapshots(jsonb, jsonb, text[], text[], boolean, boolean, boolean, boolean, text[]);
DROP FUNCTION migra_drift(jsonb, text[], text[], boolean, boolean, text[]);
DROP FUNCTION migra_drift(text, text[], text[], boolean, boolean, text[]);
DROP FUNCTION migra_drift_fleet(jsonb, text[], text[], text[], boolean, boolean, text[], integer, integer);
DROP FUNCTION migra_drift_fleet(text, text[], text[], text[], boolean, boolean, text[], integer, integer);

-- Rename intents (issue 21): what was renamed in a schema, applied by migra_diff() and the
-- functions like it when they are given no renames.
CREATE TABLE migra_renames (
    schema_name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('tables', 'columns', 'constraints', 'indexes', 'sequences',
                                       'views', 'routines', 'types', 'enum_values')),
    parent text NOT NULL DEFAULT '',
    old_name text NOT NULL CHECK (old_name <> ''),
    new_name text NOT NULL CHECK (new_name <> ''),
    noted_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    noted_by name NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (schema_name, kind, parent, old_name),
    CHECK ((parent <> '') = (kind IN ('columns', 'constraints', 'enum_values')))
);
COMMENT ON TABLE migra_renames IS 'Rename intents: what was renamed in a schema, applied by migra_diff() and the functions like it when they are given no renames, until the old name is gone';
SELECT pg_catalog.pg_extension_config_dump('migra_renames', '');

CREATE FUNCTION migra_diff(source_schema text, target_schema text, "unsafe" boolean DEFAULT false,
                           with_privileges boolean DEFAULT false,
                           lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
    renames jsonb DEFAULT NULL, "using" jsonb DEFAULT NULL, hooks jsonb DEFAULT NULL,
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
STABLE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_wrapper';

CREATE FUNCTION migra_diff_sql(source_schema text, target_schema text, "unsafe" boolean DEFAULT false,
                               with_privileges boolean DEFAULT false,
                               lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
    renames jsonb DEFAULT NULL, "using" jsonb DEFAULT NULL, hooks jsonb DEFAULT NULL,
    with_owners boolean DEFAULT false)
RETURNS text
STABLE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_sql_wrapper';

CREATE FUNCTION migra_diff_from_sql(source_schema text, target_sql text, "unsafe" boolean DEFAULT false,
                                    with_privileges boolean DEFAULT false,
                                    lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
                                    hooks jsonb DEFAULT NULL, renames jsonb DEFAULT NULL,
                                    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_from_sql_wrapper';

CREATE FUNCTION migra_diff_from_sql(target_sql text, schemas text[], "unsafe" boolean DEFAULT false,
                                    with_privileges boolean DEFAULT false,
                                    ignore_extension_versions boolean DEFAULT false,
                                    exclude_extensions text[] DEFAULT ARRAY['dblink'],
                                    lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
                                    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_from_sql_database_wrapper';

CREATE FUNCTION migra_diff_remote(
    source text, target text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    "unsafe" boolean DEFAULT false, with_privileges boolean DEFAULT false,
    ignore_extension_versions boolean DEFAULT false, create_extensions_only boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'],
    lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
    renames jsonb DEFAULT NULL, with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_remote_wrapper';

CREATE FUNCTION migra_diff_snapshots(
    source jsonb, target jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    "unsafe" boolean DEFAULT false, with_privileges boolean DEFAULT false,
    ignore_extension_versions boolean DEFAULT false, create_extensions_only boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'],
    lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
STABLE PARALLEL SAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_snapshots_wrapper';

CREATE FUNCTION migra_drift(
    expected jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_from_snapshot_wrapper';

CREATE FUNCTION migra_drift(
    reference text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_from_reference_wrapper';

CREATE FUNCTION migra_drift_fleet(
    expected jsonb, databases text[],
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    max_parallel integer DEFAULT 8, timeout_seconds integer DEFAULT 60,
    with_owners boolean DEFAULT false)
RETURNS TABLE (database_number integer, database text, differences integer, ordinal integer, kind text,
               identity text, action text, statement text, hazards text[], relation text, lock_mode text,
               table_rows bigint, table_bytes bigint, error text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_fleet_from_snapshot_wrapper';

CREATE FUNCTION migra_drift_fleet(
    reference text, databases text[],
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    max_parallel integer DEFAULT 8, timeout_seconds integer DEFAULT 60,
    with_owners boolean DEFAULT false)
RETURNS TABLE (database_number integer, database text, differences integer, ordinal integer, kind text,
               identity text, action text, statement text, hazards text[], relation text, lock_mode text,
               table_rows bigint, table_bytes bigint, error text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_fleet_from_reference_wrapper';


-- The plan proven on the source schema and rolled back (issue 20, first step).
CREATE FUNCTION migra_verify(source_schema text, target_schema text, "unsafe" boolean DEFAULT false,
                             with_privileges boolean DEFAULT false,
                             lock_timeout interval DEFAULT '5s', statement_timeout interval DEFAULT '1min',
                             lock_safe boolean DEFAULT false,
    renames jsonb DEFAULT NULL, "using" jsonb DEFAULT NULL, hooks jsonb DEFAULT NULL,
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, ok boolean,
               sqlstate text, error text, ms double precision, locks text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint, proven_as text,
               waits_behind text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_verify_wrapper';

CREATE FUNCTION migra_apply(source_schema text, target_schema text, "unsafe" boolean DEFAULT false,
                            with_privileges boolean DEFAULT false,
                            lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
                            retries integer DEFAULT 3,
    renames jsonb DEFAULT NULL, "using" jsonb DEFAULT NULL, hooks jsonb DEFAULT NULL,
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text,
               attempts integer, ms double precision)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_apply_wrapper';

CREATE FUNCTION migra_verify_drift(
    expected jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    lock_timeout interval DEFAULT '5s', statement_timeout interval DEFAULT '1min',
    lock_safe boolean DEFAULT false,
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, ok boolean,
               sqlstate text, error text, ms double precision, locks text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint, proven_as text,
               waits_behind text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_verify_drift_from_snapshot_wrapper';

CREATE FUNCTION migra_verify_drift(
    reference text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    lock_timeout interval DEFAULT '5s', statement_timeout interval DEFAULT '1min',
    lock_safe boolean DEFAULT false,
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, ok boolean,
               sqlstate text, error text, ms double precision, locks text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint, proven_as text,
               waits_behind text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_verify_drift_from_reference_wrapper';

-- with_owners (issue 22): the functions 0.3.0 had as they are take it too
DROP FUNCTION migra_assert_no_drift(jsonb, text[], text[], boolean, boolean, text[], boolean);
DROP FUNCTION migra_assert_no_drift(text, text[], text[], boolean, boolean, text[], boolean);
DROP FUNCTION migra_log_drift(jsonb, text, text[], text[], boolean, boolean, text[], boolean);
DROP FUNCTION migra_log_drift(text, text, text[], text[], boolean, boolean, text[], boolean);

CREATE FUNCTION migra_assert_no_drift(
    expected jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    uncompared_is_drift boolean DEFAULT true,
    with_owners boolean DEFAULT false)
RETURNS void
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_assert_no_drift_from_snapshot_wrapper';

CREATE FUNCTION migra_assert_no_drift(
    reference text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    uncompared_is_drift boolean DEFAULT true,
    with_owners boolean DEFAULT false)
RETURNS void
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_assert_no_drift_from_reference_wrapper';

CREATE FUNCTION migra_log_drift(
    expected jsonb, check_name text DEFAULT NULL,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    uncompared_is_drift boolean DEFAULT true,
    with_owners boolean DEFAULT false)
RETURNS integer
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_log_drift_from_snapshot_wrapper';

CREATE FUNCTION migra_log_drift(
    reference text, check_name text DEFAULT NULL,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    uncompared_is_drift boolean DEFAULT true,
    with_owners boolean DEFAULT false)
RETURNS integer
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_log_drift_from_reference_wrapper';

COMMENT ON FUNCTION migra_diff(text, text, boolean, boolean, boolean, interval, jsonb, jsonb, jsonb, boolean) IS
  'The statements that make source_schema look like target_schema, one a row in order; unsafe => true allows statements that destroy data, with_privileges => true compares grants, with_owners => true owners, lock_safe => true gives a plan that lets reads and writes go on';
COMMENT ON FUNCTION migra_diff_remote(text, text, text[], text[], boolean, boolean, boolean, boolean, text[], boolean, interval, jsonb, boolean) IS
  'The statements that make database source look like database target; each is a connection string, a foreign server name, or NULL for this database';
COMMENT ON FUNCTION migra_diff_snapshots(jsonb, jsonb, text[], text[], boolean, boolean, boolean, boolean, text[], boolean, interval, boolean) IS
  'The statements that make the database of snapshot source look like that of snapshot target, without any connection';
COMMENT ON FUNCTION migra_drift(jsonb, text[], text[], boolean, boolean, text[], boolean) IS
  'Drift: the statements that take this database from its live state to the expected snapshot (e.g. migra_baseline(name)); no rows when it matches';
COMMENT ON FUNCTION migra_drift(text, text[], text[], boolean, boolean, text[], boolean) IS
  'Drift: the statements that take this database from its live state to the schema of a reference database (connection string or foreign server name)';
COMMENT ON FUNCTION migra_drift_fleet(jsonb, text[], text[], text[], boolean, boolean, text[], integer, integer, boolean) IS
  'Drift of many databases (connection strings or foreign server names) from one snapshot, read in parallel: a row per difference, differences = 0 for a match, error for a database that could not be read';
COMMENT ON FUNCTION migra_drift_fleet(text, text[], text[], text[], boolean, boolean, text[], integer, integer, boolean) IS
  'Drift of many databases (connection strings or foreign server names) from a reference database, read in parallel: a row per difference, differences = 0 for a match, error for a database that could not be read';
COMMENT ON FUNCTION migra_diff_from_sql(text, text, boolean, boolean, boolean, interval, jsonb, jsonb, boolean) IS
  'The statements that make source_schema look like the schema the SQL script target_sql builds (run in its place in a subtransaction and rolled back), one a row in order, as migra_diff() gives them';
COMMENT ON FUNCTION migra_diff_from_sql(text, text[], boolean, boolean, boolean, text[], boolean, interval, boolean) IS
  'The statements that make the schemas of this database look like what the SQL script target_sql builds in them (run in their place in a subtransaction and rolled back), as migra_diff_remote() compares databases';
COMMENT ON FUNCTION migra_diff_sql(text, text, boolean, boolean, boolean, interval, jsonb, jsonb, jsonb, boolean) IS
  'The plan of migra_diff() as one script, hazardous statements marked; empty when the schemas match';
COMMENT ON FUNCTION migra_apply(text, text, boolean, boolean, boolean, interval, integer, jsonb, jsonb, jsonb, boolean) IS
  'Runs the plan of migra_diff() in the calling transaction, a statement that gives up on its lock (lock_timeout) tried again up to retries times after a growing pause; returns the rows it ran';
COMMENT ON FUNCTION migra_verify_drift(jsonb, text[], text[], boolean, boolean, text[], interval, interval, boolean, boolean) IS
  'Runs the plan of migra_drift() (this database to the expected snapshot) here and rolls it back: a row per statement with ok, its SQLSTATE and error, ms and the locks it took, then whether a second diff is empty';
COMMENT ON FUNCTION migra_verify_drift(text, text[], text[], boolean, boolean, text[], interval, interval, boolean, boolean) IS
  'Runs the plan of migra_drift() (this database to the reference database) here and rolls it back: a row per statement with ok, its SQLSTATE and error, ms and the locks it took, then whether a second diff is empty';
COMMENT ON FUNCTION migra_verify(text, text, boolean, boolean, interval, interval, boolean, jsonb, jsonb, jsonb, boolean) IS
  'Runs the plan of migra_diff() on source_schema and rolls it back: a row per statement with ok, its SQLSTATE and error, ms and the locks it took, then whether a second diff is empty';
COMMENT ON FUNCTION migra_assert_no_drift(jsonb, text[], text[], boolean, boolean, text[], boolean, boolean) IS
  'Returns nothing when this database matches the expected snapshot; otherwise raises P0004 naming the differences, objects not compared that differ among them unless uncompared_is_drift => false (for pg_cron and deploy checks)';
COMMENT ON FUNCTION migra_assert_no_drift(text, text[], text[], boolean, boolean, text[], boolean, boolean) IS
  'Returns nothing when this database matches the reference database; otherwise raises P0004 naming the differences, objects not compared that differ among them unless uncompared_is_drift => false (for pg_cron and deploy checks)';
COMMENT ON FUNCTION migra_log_drift(jsonb, text, text[], text[], boolean, boolean, text[], boolean, boolean) IS
  'Writes the drift from the expected snapshot to migra_drift_log (nothing when there is none) and returns the number of differences';
COMMENT ON FUNCTION migra_log_drift(text, text, text[], text[], boolean, boolean, text[], boolean, boolean) IS
  'Writes the drift from the reference database to migra_drift_log (nothing when there is none) and returns the number of differences';

-- What the fingerprint query calls when the extension runs it (issue 23): a stored expression's
-- tree without its layout, as the regexp_replace a remote server runs gives it.
CREATE FUNCTION migra_strip_node_tree(tree text)
RETURNS text
IMMUTABLE STRICT PARALLEL SAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_strip_node_tree_wrapper';
COMMENT ON FUNCTION migra_strip_node_tree(text) IS
  'Internal, for the fingerprint query: a pg_node_tree''s text without :location, :vartype, :vartypmod and :varcollid, as regexp_replace(tree, '' :(location|vartype|vartypmod|varcollid) -?[0-9]+'', '''', ''g'') gives it';
