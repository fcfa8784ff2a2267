use super::*;

fn snapshot_with_defaults(entry: serde_json::Value) -> Result<Database, serde_json::Error> {
    let document = serde_json::json!({
        "format": Snapshot::FORMAT, "server_version_num": 150000, "extensions": [],
        "default_privileges": [entry],
        "schemas": [{"name": "public", "tables": [], "constraints": [], "indexes": [], "sequences": [],
                     "ignored": [{"kind": "default privileges", "name": "of app on tables"}]}]});
    read_snapshot(&document.to_string())
        .map(|s| s.database)
        .map_err(|e| <serde_json::Error as serde::de::Error>::custom(e.to_string()))
}

#[test]
fn default_privileges_are_checked_and_no_longer_listed_as_not_compared() {
    let grant = |grantee: serde_json::Value, privilege: &str| {
        serde_json::json!({"role": "app", "objects": "f", "defaults": [],
                           "privileges": [{"grantee": grantee, "privilege": privilege, "grantable": false}]})
    };
    let database = snapshot_with_defaults(grant("PUBLIC".into(), "EXECUTE")).unwrap();
    assert_eq!(database.default_privileges.len(), 1);
    assert!(database.schemas[0].ignored.is_empty());
    let doctored = snapshot_with_defaults(grant("PUBLIC".into(), "EXECUTE; DROP TABLE x"));
    assert!(
        doctored
            .unwrap_err()
            .to_string()
            .contains("default privileges in database")
    );
    let too_long = snapshot_with_defaults(grant(
        serde_json::json!({"role": "x".repeat(64)}),
        "EXECUTE",
    ));
    assert!(too_long.is_err());
    // an unknown kind of object is refused when the document is decoded
    let mut entry = grant("PUBLIC".into(), "EXECUTE");
    entry["objects"] = "z".into();
    assert!(snapshot_with_defaults(entry).is_err());
}
