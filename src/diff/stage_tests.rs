//! The diff stage on hand-written models, through ordering and rendering: no server needed.

use serde_json::{Value, json};

use super::{Conversions, schemas};
use crate::model::Schema;
use crate::plan::{self, Hazard, Step};

fn column(name: &str, position: i32, data_type: &str, extra: Value) -> Value {
    let mut c = json!({
        "name": name, "position": position, "type": data_type, "collation": null, "not_null": false,
        "default": null, "generated": null, "identity": null, "storage": "p", "type_storage": "p",
        "statistics": null
    });
    if let (Some(c), Some(extra)) = (c.as_object_mut(), extra.as_object()) {
        c.extend(extra.clone());
    }
    c
}

fn table(name: &str, columns: Vec<Value>) -> Value {
    json!({ "name": name, "persistence": "p", "options": [], "toast_options": [], "columns": columns })
}

fn schema(
    name: &str,
    tables: Vec<Value>,
    constraints: Vec<Value>,
    indexes: Vec<Value>,
    sequences: Vec<Value>,
) -> Schema {
    serde_json::from_value(json!({
        "name": name, "tables": tables, "constraints": constraints, "indexes": indexes, "sequences": sequences
    }))
    .unwrap()
}

fn plan(from: &Schema, to: &Schema) -> Vec<Step> {
    plan_converting(from, to, &Conversions::default())
}

fn plan_converting(from: &Schema, to: &Schema, conversions: &Conversions) -> Vec<Step> {
    let mut steps = plan::build(
        schemas(from, to, false, false, false, conversions).unwrap(),
        &crate::catalog::search_path_for(&from.name),
    )
    .unwrap();
    crate::ddl::render(&mut steps).unwrap();
    steps
}

#[test]
fn a_type_is_dropped_after_its_column_moves_off_it_by_an_edge_not_a_phase() {
    // the column goes from the enum to text, and the enum goes: the drop (a teardown) must
    // follow the ALTER (a build-up)
    let with_enum = |name: &str, data_type: &str, enum_too: bool| -> Schema {
        let mut schema = json!({
            "name": name, "constraints": [], "indexes": [], "sequences": [],
            "tables": [table("t", vec![column("c", 1, data_type, json!({}))])],
        });
        if enum_too {
            schema["types"] = json!([{ "name": "mood", "kind": "enum", "values": ["ok"] }]);
            schema["dependencies"] = json!([{
                "object": { "kind": "column", "name": "t", "part": "c" },
                "on": { "kind": "type", "name": "mood" }
            }]);
        }
        serde_json::from_value(schema).unwrap()
    };
    let from = with_enum("app", "mood", true);
    let to = with_enum("next", "text", false);
    let steps = schemas(&from, &to, false, false, false, &Default::default()).unwrap();
    // the tie-break reversed and blind to phases: only the edges order the plan
    let reversed =
        |_: &Step, position: usize| (0, crate::plan::Phase::Preamble, usize::MAX - position);
    let mut ordered = crate::plan::order_by(steps, &reversed).unwrap();
    crate::ddl::render(&mut ordered).unwrap();
    assert_eq!(
        statements(&ordered),
        [
            r#"ALTER TABLE "app"."t" ALTER COLUMN "c" TYPE text USING "c"::text::text;"#,
            r#"DROP TYPE "app"."mood";"#
        ]
    );
}

fn statements(steps: &[Step]) -> Vec<&str> {
    steps.iter().map(|s| s.statement.as_str()).collect()
}

fn primary_key(table: &str, column: &str) -> Value {
    json!({ "table": table, "name": format!("{table}_pkey"), "type": "p",
            "definition": format!("PRIMARY KEY ({column})"), "validated": true, "deferrable": false,
            "deferred": false, "index_name": format!("{table}_pkey"), "index_options": [],
            "columns": [column], "references": null })
}

fn foreign_key(table: &str, column: &str, parent: &str) -> Value {
    json!({ "table": table, "name": format!("{table}_{column}_fkey"), "type": "f",
            "definition": format!("FOREIGN KEY ({column}) REFERENCES {parent}(id)"), "validated": true,
            "deferrable": false, "deferred": false, "index_name": null, "index_options": [],
            "columns": [column],
            "references": { "schema": null, "table": parent, "columns": ["id"], "index": format!("{parent}_pkey") } })
}

#[test]
fn the_same_tables_in_two_schemas_need_no_steps() {
    let tables = || vec![table("t", vec![column("id", 1, "integer", json!({}))])];
    assert!(
        plan(
            &schema("a", tables(), vec![], vec![], vec![]),
            &schema("b", tables(), vec![], vec![], vec![])
        )
        .is_empty()
    );
}

#[test]
fn a_dropped_column_loses_data_and_an_added_one_does_not() {
    let from = schema(
        "app",
        vec![table("t", vec![column("old", 1, "text", json!({}))])],
        vec![],
        vec![],
        vec![],
    );
    let to = schema(
        "next",
        vec![table(
            "t",
            vec![column("new", 1, "text", json!({"not_null": true}))],
        )],
        vec![],
        vec![],
        vec![],
    );
    let steps = plan(&from, &to);
    assert_eq!(
        statements(&steps)[1..],
        [
            r#"ALTER TABLE "app"."t" DROP COLUMN "old";"#,
            r#"ALTER TABLE "app"."t" ADD COLUMN "new" text NOT NULL;"#
        ]
    );
    // a column of the same type added: perhaps it was a rename
    assert_eq!(
        steps[1].hazards,
        [
            Hazard::DataLoss,
            Hazard::BlocksWrites,
            Hazard::BlocksReads,
            Hazard::PossibleRename
        ]
    );
    // no data lost, but NOT NULL with nothing to fill it fails on a table with rows
    assert_eq!(
        steps[2].hazards,
        [
            Hazard::FailsOnExistingRows,
            Hazard::BlocksWrites,
            Hazard::BlocksReads,
            Hazard::PossibleRename
        ]
    );
}

#[test]
fn foreign_keys_between_new_tables_come_after_both_tables() {
    let tables = vec![
        table(
            "a",
            vec![
                column("id", 1, "integer", json!({})),
                column("b_id", 2, "integer", json!({})),
            ],
        ),
        table(
            "b",
            vec![
                column("id", 1, "integer", json!({})),
                column("a_id", 2, "integer", json!({})),
            ],
        ),
    ];
    let constraints = vec![
        primary_key("a", "id"),
        primary_key("b", "id"),
        foreign_key("a", "b_id", "b"),
        foreign_key("b", "a_id", "a"),
    ];
    let steps = plan(
        &schema("s", vec![], vec![], vec![], vec![]),
        &schema("t", tables, constraints, vec![], vec![]),
    );
    let position = |needle: &str| {
        steps
            .iter()
            .position(|s| s.statement.contains(needle))
            .unwrap()
    };
    assert!(position("CREATE TABLE \"s\".\"b\"") < position("\"a_b_id_fkey\""));
    assert!(position("CREATE TABLE \"s\".\"a\"") < position("\"b_a_id_fkey\""));
    assert!(position("\"a_pkey\" PRIMARY KEY") < position("\"b_a_id_fkey\""));
    // new tables hold no rows: nothing to validate apart
    assert!(!steps.iter().any(|s| s.statement.contains("VALIDATE")));
}

#[test]
fn a_foreign_key_is_dropped_before_its_key_and_added_after() {
    let tables = || {
        vec![
            table(
                "parent",
                vec![
                    column("id", 1, "integer", json!({})),
                    column("code", 2, "text", json!({})),
                ],
            ),
            table("child", vec![column("parent_id", 1, "integer", json!({}))]),
        ]
    };
    let mut wider = primary_key("parent", "id");
    wider["definition"] = json!("PRIMARY KEY (id) DEFERRABLE");
    let from = schema(
        "s",
        tables(),
        vec![
            primary_key("parent", "id"),
            foreign_key("child", "parent_id", "parent"),
        ],
        vec![],
        vec![],
    );
    let to = schema(
        "t",
        tables(),
        vec![wider, foreign_key("child", "parent_id", "parent")],
        vec![],
        vec![],
    );
    assert_eq!(
        statements(&plan(&from, &to))[1..],
        [
            r#"ALTER TABLE "s"."child" DROP CONSTRAINT "child_parent_id_fkey";"#,
            r#"ALTER TABLE "s"."parent" DROP CONSTRAINT "parent_pkey";"#,
            r#"ALTER TABLE "s"."parent" ADD CONSTRAINT "parent_pkey" PRIMARY KEY (id) DEFERRABLE;"#,
            r#"ALTER TABLE "s"."child" ADD CONSTRAINT "child_parent_id_fkey" FOREIGN KEY (parent_id) REFERENCES parent(id) NOT VALID;"#,
            r#"ALTER TABLE "s"."child" VALIDATE CONSTRAINT "child_parent_id_fkey";"#,
        ]
    );
}

#[test]
fn a_changed_generation_expression_remakes_the_column_and_its_index() {
    let index = json!({ "name": "t_g_idx", "table": "t", "unique": false, "method": "btree",
                        "definition": "(g)", "columns": ["g"] });
    let with = |expression: &str| {
        vec![table(
            "t",
            vec![
                column("a", 1, "integer", json!({})),
                column("g", 2, "integer", json!({"generated": expression})),
            ],
        )]
    };
    let from = schema("s", with("(a * 2)"), vec![], vec![index.clone()], vec![]);
    let to = schema("t", with("(a * 3)"), vec![], vec![index], vec![]);
    let steps = plan(&from, &to);
    assert_eq!(
        statements(&steps)[1..],
        [
            r#"DROP INDEX "s"."t_g_idx";"#,
            r#"ALTER TABLE "s"."t" DROP COLUMN "g";"#,
            r#"ALTER TABLE "s"."t" ADD COLUMN "g" integer GENERATED ALWAYS AS ((a * 3)) STORED;"#,
            r#"CREATE INDEX "t_g_idx" ON "s"."t" USING "btree" (g);"#,
        ]
    );
    // the values are computed again: nothing is lost
    assert!(steps.iter().all(|s| !s.has_hazard(Hazard::DataLoss)));
}

#[test]
fn grants_wait_for_their_object_and_nothing_waits_for_grants() {
    let mut granted = table("t", vec![column("id", 1, "integer", json!({}))]);
    granted["privileges"] =
        json!([{"grantee": "reader", "privilege": "SELECT", "grantable": false}]);
    let mut wider = granted.clone();
    wider["columns"] = json!([
        column("id", 1, "bigint", json!({})),
        column("added", 2, "text", json!({}))
    ]);
    wider["privileges"] = json!([{"grantee": "reader", "privilege": "INSERT", "grantable": false}]);
    let from = schema("s", vec![granted], vec![], vec![], vec![]);
    let to = schema(
        "t",
        vec![wider],
        vec![primary_key("t", "id")],
        vec![],
        vec![],
    );
    let mut steps = plan::build(
        super::schema_pairs(
            &[(&from, &to)],
            true,
            false,
            false,
            &Conversions::default(),
            &std::collections::BTreeSet::new(),
        )
        .unwrap(),
        "pg_catalog",
    )
    .unwrap();
    crate::ddl::render(&mut steps).unwrap();
    let kinds: Vec<&str> = steps.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "setting",
            "column",
            "column",
            "constraint",
            "privilege",
            "privilege"
        ]
    );
    assert_eq!(
        steps[4].statement,
        r#"REVOKE SELECT ON TABLE "s"."t" FROM "reader";"#
    );
    assert_eq!(
        steps[5].statement,
        r#"GRANT INSERT ON TABLE "s"."t" TO "reader";"#
    );
}

fn view(name: &str, definition: &str, columns: Value) -> Value {
    json!({ "name": name, "materialized": false, "definition": definition, "options": [], "populated": true,
            "columns": columns })
}

#[test]
fn views_over_a_column_that_changes_type_are_dropped_before_it_and_made_again_after() {
    let with = |data_type: &str| {
        let mut schema = schema(
            "s",
            vec![table("t", vec![column("amount", 1, data_type, json!({}))])],
            vec![],
            vec![],
            vec![],
        );
        let extra: Schema = serde_json::from_value(json!({
            "name": "s", "tables": [], "constraints": [], "indexes": [], "sequences": [],
            "views": [
                view("base", " SELECT t.amount FROM t", json!([{"name": "amount", "type": data_type, "default": null}])),
                view("top", " SELECT base.amount FROM base", json!([{"name": "amount", "type": data_type, "default": null}]))
            ],
            "dependencies": [
                {"object": {"kind": "view", "name": "base"}, "on": {"kind": "column", "name": "t", "part": "amount"}},
                {"object": {"kind": "view", "name": "top"}, "on": {"kind": "view", "name": "base"}}
            ]
        }))
        .unwrap();
        schema.views = extra.views;
        schema.dependencies = extra.dependencies;
        schema
    };
    let mut to = with("bigint");
    to.name = "t".into();
    assert_eq!(
        statements(&plan(&with("integer"), &to))[1..],
        [
            r#"DROP VIEW "s"."top";"#,
            r#"DROP VIEW "s"."base";"#,
            r#"ALTER TABLE "s"."t" ALTER COLUMN "amount" TYPE bigint;"#,
            "CREATE VIEW \"s\".\"base\" AS\nSELECT t.amount FROM t;",
            "CREATE VIEW \"s\".\"top\" AS\nSELECT base.amount FROM base;",
        ]
    );
}

#[test]
fn a_sequence_that_outlives_its_table_is_released_first() {
    let sequence = |owned: bool| {
        json!({
            "name": "t_id_seq", "data_type": "integer", "start": 1, "increment": 1, "min": 1,
            "max": 2147483647, "cache": 1, "cycle": false, "persistence": "p",
            "owned_by": if owned { json!({"table": "t", "column": "id"}) } else { Value::Null }
        })
    };
    let from = schema(
        "s",
        vec![table("t", vec![column("id", 1, "integer", json!({}))])],
        vec![],
        vec![],
        vec![sequence(true)],
    );
    let kept = schema("t", vec![], vec![], vec![], vec![sequence(false)]);
    assert_eq!(
        statements(&plan(&from, &kept))[1..],
        [
            r#"ALTER SEQUENCE "s"."t_id_seq" OWNED BY NONE;"#,
            r#"DROP TABLE "s"."t";"#
        ]
    );
    // gone in the target too: DROP TABLE takes the owned sequence along
    let gone = schema("t", vec![], vec![], vec![], vec![]);
    assert_eq!(
        statements(&plan(&from, &gone))[1..],
        [r#"DROP TABLE "s"."t";"#]
    );
}

#[test]
fn a_type_change_with_no_cast_drops_and_adds_the_column_unless_given_an_expression() {
    let with_at = |name: &str, data_type: &str| {
        let at = column("at", 2, data_type, json!({}));
        let id = column("id", 1, "integer", json!({}));
        schema(
            name,
            vec![table("events", vec![id, at])],
            vec![],
            vec![],
            vec![],
        )
    };
    let (from, to) = (
        with_at("app", "bigint"),
        with_at("next", "timestamp without time zone"),
    );
    // the plan's own statements, after its SET search_path
    let ddl = |steps: &[Step]| statements(&steps[1..]).join("\n");
    let castless: std::collections::BTreeSet<(String, String)> = [(
        "bigint".to_owned(),
        "timestamp without time zone".to_owned(),
    )]
    .into();

    // castable as far as the diff was told: the cast the plan has always written
    let cast = plan(&from, &to);
    assert_eq!(
        ddl(&cast),
        r#"ALTER TABLE "app"."events" ALTER COLUMN "at" TYPE timestamp without time zone USING "at"::timestamp without time zone;"#
    );

    // no cast: dropped and added again, and the plan says the values go
    let conversions = Conversions {
        castless: castless.clone(),
        ..Conversions::default()
    };
    let rebuilt = plan_converting(&from, &to, &conversions);
    assert_eq!(
        ddl(&rebuilt),
        [
            r#"ALTER TABLE "app"."events" DROP COLUMN "at";"#,
            r#"ALTER TABLE "app"."events" ADD COLUMN "at" timestamp without time zone;"#
        ]
        .join("\n")
    );
    assert!(rebuilt[1].has_hazard(Hazard::DataLoss));

    // the caller's expression converts the values in place
    let key = ("app".to_owned(), "events".to_owned(), "at".to_owned());
    let conversions = Conversions {
        castless,
        using: [(key, "to_timestamp(at)".to_owned())].into(),
        ..Conversions::default()
    };
    let converted = plan_converting(&from, &to, &conversions);
    assert_eq!(
        ddl(&converted),
        r#"ALTER TABLE "app"."events" ALTER COLUMN "at" TYPE timestamp without time zone USING to_timestamp(at);"#
    );
    assert!(converted[1].has_hazard(Hazard::TableRewrite));
}

#[test]
fn a_new_not_null_column_filled_later_gets_its_not_null_in_a_step_of_its_own() {
    let orders = |name: &str, extra: Vec<Value>| {
        let mut columns = vec![column("id", 1, "integer", json!({}))];
        columns.extend(extra);
        schema(name, vec![table("orders", columns)], vec![], vec![], vec![])
    };
    let from = orders("app", vec![]);
    let to = orders(
        "next",
        vec![column("status", 2, "text", json!({ "not_null": true }))],
    );
    let ddl = |steps: &[Step]| statements(&steps[1..]).join("\n");
    // as it is: one ADD that fails on a table with rows
    assert_eq!(
        ddl(&plan(&from, &to)),
        r#"ALTER TABLE "app"."orders" ADD COLUMN "status" text NOT NULL;"#
    );
    // a hook fills it after its ADD: NOT NULL comes after, on the same object
    let conversions = Conversions {
        filled_later: [("app".to_owned(), "orders".to_owned(), "status".to_owned())].into(),
        ..Conversions::default()
    };
    let steps = plan_converting(&from, &to, &conversions);
    assert_eq!(
        ddl(&steps),
        [
            r#"ALTER TABLE "app"."orders" ADD COLUMN "status" text;"#,
            r#"ALTER TABLE "app"."orders" ALTER COLUMN "status" SET NOT NULL;"#
        ]
        .join("\n")
    );
    assert!(steps[2].has_hazard(Hazard::FailsOnExistingRows));
}

#[test]
fn a_not_null_under_another_name_is_renamed_and_a_new_one_named_where_it_is_written() {
    let named = |name: &str, position: i32, not_null_name: Option<&str>| {
        let extra = json!({ "not_null": not_null_name.is_some() || name == "d", "not_null_name": not_null_name });
        column(name, position, "integer", extra)
    };
    let from = schema(
        "app",
        vec![table(
            "t",
            vec![
                named("a", 1, Some("old")),
                named("b", 2, Some("t_b_not_null")),
                named("c", 3, None),
                // read before PostgreSQL 18: no name, no difference
                named("d", 4, None),
            ],
        )],
        vec![],
        vec![],
        vec![],
    );
    let to = schema(
        "next",
        vec![
            table(
                "t",
                vec![
                    named("a", 1, Some("new")),
                    named("b", 2, Some("t_b_not_null")),
                    named("c", 3, Some("c required")),
                    named("d", 4, Some("t_d_nn")),
                    named("e", 5, Some("e's")),
                ],
            ),
            table(
                "n",
                vec![
                    named("x", 1, Some("n_x_not_null")),
                    named("y", 2, Some("y")),
                ],
            ),
        ],
        vec![],
        vec![],
        vec![],
    );
    let steps = plan(&from, &to);
    let mut statements = statements(&steps[1..]);
    statements.sort_unstable();
    assert_eq!(
        statements,
        [
            r#"ALTER TABLE "app"."t" ADD COLUMN "e" integer CONSTRAINT "e's" NOT NULL;"#,
            r#"ALTER TABLE "app"."t" ALTER COLUMN "c" SET NOT NULL;"#,
            r#"ALTER TABLE "app"."t" RENAME CONSTRAINT "old" TO "new";"#,
            r#"ALTER TABLE "app"."t" RENAME CONSTRAINT "t_c_not_null" TO "c required";"#,
            "CREATE TABLE \"app\".\"n\" (\n    \"x\" integer NOT NULL,\n    \"y\" integer CONSTRAINT \"y\" NOT NULL\n);",
        ]
    );
}
