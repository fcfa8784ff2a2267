use super::*;

fn snapshot(publications: Option<serde_json::Value>) -> Result<Database, Error> {
    let mut document = serde_json::json!({
        "format": Snapshot::FORMAT, "server_version_num": 150000, "extensions": [],
        "schemas": [{"name": "public", "tables": [], "constraints": [], "indexes": [], "sequences": [],
                     "ignored": [{"kind": "publication table", "name": "t in p"}]}]});
    if let Some(publications) = publications {
        document["publications"] = publications;
    }
    read_snapshot(&document.to_string()).map(|s| s.database)
}

fn publication(filter: &str) -> serde_json::Value {
    serde_json::json!([{"name": "P 1", "owner": "app", "all_tables": false, "insert": true,
        "update": true, "delete": true, "truncate": false, "via_root": false,
        "tables": [{"schema": "public", "name": "t", "columns": ["a", "B"], "row_filter": filter}],
        "schemas": ["Other"], "comment": "c"}])
}

#[test]
fn a_snapshot_written_before_publications_were_read_loads_with_none() {
    let database = snapshot(None).unwrap();
    assert!(database.publications.is_empty());
    // what it named as not compared, it still names: it never read the publications
    assert_eq!(database.schemas[0].ignored.len(), 1);
}

#[test]
fn a_publication_is_read_and_its_row_filter_checked_as_sql_text() {
    let database = snapshot(Some(publication("(a > 10)"))).unwrap();
    let read = &database.publications[0];
    assert_eq!(
        read.tables[0].columns.as_deref(),
        Some(&["a".to_owned(), "B".to_owned()][..])
    );
    assert_eq!(read.publish(), "insert, update, delete");
    let error = snapshot(Some(publication("true)); DROP TABLE x; --"))).unwrap_err();
    assert!(error.to_string().contains("tables.row_filter"), "{error}");
    let mut long_name = publication("true");
    long_name[0]["tables"][0]["columns"][0] = "x".repeat(64).into();
    assert!(snapshot(Some(long_name)).is_err());
}
