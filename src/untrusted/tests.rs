use super::*;
use crate::model::Snapshot;

fn snapshot_with_column_type(data_type: &str) -> Database {
    let document = serde_json::json!({
        "format": Snapshot::FORMAT, "server_version_num": 150000, "extensions": [],
        "schemas": [{"name": "public", "tables": [{"name": "t", "persistence": "p", "options": [],
            "toast_options": [], "columns": [{"name": "c", "position": 1, "type": data_type,
            "collation": null, "not_null": false, "default": null, "generated": null, "identity": null,
            "storage": "p", "type_storage": "p", "statistics": null}]}],
            "constraints": [], "indexes": [], "sequences": []}]});
    serde_json::from_value::<Snapshot>(document)
        .unwrap()
        .database
}

#[test]
fn a_doctored_type_is_refused_naming_object_and_field() {
    let error = check(
        &snapshot_with_column_type("int; DROP TABLE x; --"),
        Origin::Snapshot,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "snapshot field \"type\" of column public.t.c is not allowed (a character that is not part of a name): int; DROP TABLE x; --"
    );
}

#[test]
fn a_not_null_name_is_a_name() {
    let mut database = snapshot_with_column_type("integer");
    let column = &mut database.schemas[0].tables[0].columns[0];
    column.not_null = true;
    column.not_null_name = Some("t_c_not_null".into());
    assert!(check(&database, Origin::Snapshot).is_ok());
    let column = &mut database.schemas[0].tables[0].columns[0];
    column.not_null_name = Some("x".repeat(64));
    let error = check(&database, Origin::Snapshot).unwrap_err();
    assert!(error.to_string().contains("\"not_null_name\""), "{error}");
}

#[test]
fn servers_and_user_mappings_are_checked() {
    let with = |servers: serde_json::Value, mappings: serde_json::Value| {
        let mut database = snapshot_with_column_type("integer");
        database.servers = serde_json::from_value(servers).unwrap();
        database.user_mappings = serde_json::from_value(mappings).unwrap();
        check(&database, Origin::Snapshot)
    };
    let server = |name: &str, option: &str| serde_json::json!([{"name": name, "wrapper": "w", "options": [option]}]);
    assert!(with(server("s", "host=it's"), serde_json::json!([])).is_ok());
    let long = "x".repeat(64);
    let error = with(server(&long, "host=a"), serde_json::json!([])).unwrap_err();
    assert!(
        error.to_string().contains("field \"name\" of server"),
        "{error}"
    );
    assert!(with(server("s", "host=a\u{0}"), serde_json::json!([])).is_err());
    let mapping = serde_json::json!([{"server": "s", "user": "", "options": []}]);
    assert!(with(serde_json::json!([]), mapping).is_err());
    let mapping = serde_json::json!([{"server": "s", "user": "PUBLIC", "options": [],
                                      "secret_options": [""]}]);
    assert!(with(serde_json::json!([]), mapping).is_err());
    let granted = |grantee: &str, privilege: &str| {
        serde_json::json!([{"name": "s", "wrapper": "w", "privileges": [
            {"grantee": grantee, "privilege": privilege, "grantable": false}]}])
    };
    let none = serde_json::json!([]);
    assert!(with(granted("app", "USAGE"), none.clone()).is_ok());
    assert!(with(granted("app\u{0}", "USAGE"), none.clone()).is_err());
    assert!(with(granted("app", "USAGE TO x; --"), none).is_err());
}

#[test]
fn a_real_type_passes() {
    assert!(
        check(
            &snapshot_with_column_type("character varying(20)[]"),
            Origin::RemoteServer
        )
        .is_ok()
    );
}
