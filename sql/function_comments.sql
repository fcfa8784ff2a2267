-- What `\df+ migra_*` shows. Runs last in the install script; the upgrade scripts set the same
-- text. A #[pg_test] checks that every function of the extension has one.
COMMENT ON FUNCTION migra_diff(text, text, boolean, boolean, boolean, interval, jsonb, jsonb, jsonb, boolean) IS
  'The statements that make source_schema look like target_schema, one a row in order; unsafe => true allows statements that destroy data, with_privileges => true compares grants, with_owners => true owners, lock_safe => true gives a plan that lets reads and writes go on';
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
COMMENT ON FUNCTION migra_diff_remote(text, text, text[], text[], boolean, boolean, boolean, boolean, text[], boolean, interval, jsonb, boolean) IS
  'The statements that make database source look like database target; each is a connection string, a foreign server name, or NULL for this database';
COMMENT ON FUNCTION migra_snapshot(text[], text) IS
  'The schema of this database (or of the one source reaches) as a portable jsonb snapshot, for the listed schemas or all user schemas';
COMMENT ON FUNCTION migra_diff_snapshots(jsonb, jsonb, text[], text[], boolean, boolean, boolean, boolean, text[], boolean, interval, boolean) IS
  'The statements that make the database of snapshot source look like that of snapshot target, without any connection';
COMMENT ON FUNCTION migra_drift(jsonb, text[], text[], boolean, boolean, text[], boolean) IS
  'Drift: the statements that take this database from its live state to the expected snapshot (e.g. migra_baseline(name)); no rows when it matches';
COMMENT ON FUNCTION migra_drift(text, text[], text[], boolean, boolean, text[], boolean) IS
  'Drift: the statements that take this database from its live state to the schema of a reference database (connection string or foreign server name)';
COMMENT ON FUNCTION migra_assert_no_drift(jsonb, text[], text[], boolean, boolean, text[], boolean, boolean) IS
  'Returns nothing when this database matches the expected snapshot; otherwise raises P0004 naming the differences, objects not compared that differ among them unless uncompared_is_drift => false (for pg_cron and deploy checks)';
COMMENT ON FUNCTION migra_assert_no_drift(text, text[], text[], boolean, boolean, text[], boolean, boolean) IS
  'Returns nothing when this database matches the reference database; otherwise raises P0004 naming the differences, objects not compared that differ among them unless uncompared_is_drift => false (for pg_cron and deploy checks)';
COMMENT ON FUNCTION migra_log_drift(jsonb, text, text[], text[], boolean, boolean, text[], boolean, boolean) IS
  'Writes the drift from the expected snapshot to migra_drift_log (nothing when there is none) and returns the number of differences';
COMMENT ON FUNCTION migra_log_drift(text, text, text[], text[], boolean, boolean, text[], boolean, boolean) IS
  'Writes the drift from the reference database to migra_drift_log (nothing when there is none) and returns the number of differences';
COMMENT ON FUNCTION migra_baseline_save(text, text[], text) IS
  'Saves a snapshot of this database (or of the one source reaches) in migra_baselines under a name, replacing one of that name';
COMMENT ON FUNCTION migra_baseline(text) IS
  'The snapshot saved as baseline name, for migra_drift(), migra_assert_no_drift() and migra_log_drift()';
COMMENT ON FUNCTION migra_drift_fleet(jsonb, text[], text[], text[], boolean, boolean, text[], integer, integer, boolean) IS
  'Drift of many databases (connection strings or foreign server names) from one snapshot, read in parallel: a row per difference, differences = 0 for a match, error for a database that could not be read';
COMMENT ON FUNCTION migra_drift_fleet(text, text[], text[], text[], boolean, boolean, text[], integer, integer, boolean) IS
  'Drift of many databases (connection strings or foreign server names) from a reference database, read in parallel: a row per difference, differences = 0 for a match, error for a database that could not be read';
COMMENT ON FUNCTION migra_strip_node_tree(text) IS
  'Internal, for the fingerprint query: a pg_node_tree''s text without :location, :vartype, :vartypmod and :varcollid, as regexp_replace(tree, '' :(location|vartype|vartypmod|varcollid) -?[0-9]+'', '''', ''g'') gives it';
