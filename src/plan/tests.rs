//! Ordering and annotation on hand-written steps.

use super::*;

/// A step that orders like any other: only its phase, key and requirements count here.
fn step(phase: Phase, key: Key, requires: Vec<Key>) -> Step {
    let name = format!("{key:?}");
    let operation = Operation::CreateSchema { name: name.clone() };
    Step::new(phase, Kind::Table, operation, key, name).requires(requires)
}

fn table(name: &str) -> Box<crate::model::Table> {
    serde_json::from_value(serde_json::json!({
        "name": name, "persistence": "p", "options": [], "toast_options": [], "columns": []
    }))
    .unwrap()
}

fn names(steps: &[Step]) -> Vec<&str> {
    steps.iter().map(|s| s.identity.as_str()).collect()
}

#[test]
fn phases_order_steps_that_do_not_depend_on_each_other() {
    let steps = vec![
        step(
            Phase::CreateForeignKey,
            Key::Constraint("s".into(), "a".into(), "fk".into()),
            vec![],
        ),
        step(
            Phase::CreateTable,
            Key::Table("s".into(), "a".into()),
            vec![],
        ),
        step(Phase::DropIndex, Key::Index("s".into(), "i".into()), vec![]),
    ];
    let ordered = order(steps).unwrap();
    assert_eq!(ordered[0].phase, Phase::DropIndex);
    assert_eq!(ordered[1].phase, Phase::CreateTable);
    assert_eq!(ordered[2].phase, Phase::CreateForeignKey);
}

#[test]
fn a_step_comes_after_what_it_requires_even_against_phase_order() {
    let steps = vec![
        step(
            Phase::CreateTable,
            Key::Table("s".into(), "b".into()),
            vec![Key::Index("s".into(), "late".into())],
        ),
        step(
            Phase::CreateIndex,
            Key::Index("s".into(), "late".into()),
            vec![],
        ),
    ];
    assert_eq!(
        names(&order(steps).unwrap()),
        vec![r#"Index("s", "late")"#, r#"Table("s", "b")"#]
    );
}

#[test]
fn teardown_runs_dependents_first() {
    // dropping "child" needs "parent" to still be there, so child goes first
    let steps = vec![
        step(
            Phase::DropTable,
            Key::Table("s".into(), "parent".into()),
            vec![],
        ),
        step(
            Phase::DropTable,
            Key::Table("s".into(), "child".into()),
            vec![Key::Table("s".into(), "parent".into())],
        ),
    ];
    assert_eq!(
        names(&order(steps).unwrap()),
        vec![r#"Table("s", "child")"#, r#"Table("s", "parent")"#]
    );
}

#[test]
fn equal_steps_keep_the_order_they_were_found_in() {
    let steps = vec![
        step(
            Phase::CreateTable,
            Key::Table("s".into(), "z".into()),
            vec![],
        ),
        step(
            Phase::CreateTable,
            Key::Table("s".into(), "a".into()),
            vec![],
        ),
    ];
    assert_eq!(
        names(&order(steps).unwrap()),
        vec![r#"Table("s", "z")"#, r#"Table("s", "a")"#]
    );
}

#[test]
fn steps_on_one_object_keep_their_order_even_when_the_first_waits() {
    let steps = vec![
        step(
            Phase::AlterTable,
            Key::Table("s".into(), "late".into()),
            vec![],
        ),
        step(
            Phase::AlterTable,
            Key::Table("s".into(), "t".into()),
            vec![Key::Index("s".into(), "i".into())],
        ),
        step(
            Phase::AlterTable,
            Key::Table("s".into(), "t".into()),
            vec![],
        ),
        step(
            Phase::CreateIndex,
            Key::Index("s".into(), "i".into()),
            vec![],
        ),
    ];
    let order: Vec<usize> = order(steps.clone())
        .unwrap()
        .iter()
        .map(|s| steps.iter().position(|x| x == s).unwrap())
        .collect();
    assert_eq!(order, vec![0, 3, 1, 2]);
}

#[test]
fn a_cycle_is_an_error_that_names_the_objects() {
    let steps = vec![
        step(
            Phase::CreateTable,
            Key::Table("s".into(), "a".into()),
            vec![Key::Table("s".into(), "b".into())],
        ),
        step(
            Phase::CreateTable,
            Key::Table("s".into(), "b".into()),
            vec![Key::Table("s".into(), "a".into())],
        ),
    ];
    let err = order(steps).unwrap_err().to_string();
    assert!(
        err.contains(r#"create Table("s", "a")"#) && err.contains(r#"create Table("s", "b")"#),
        "{err}"
    );
}

#[test]
fn a_preference_is_followed_unless_it_makes_a_cycle() {
    let function = || {
        step(
            Phase::CreateRoutine,
            Key::Routine("s".into(), "f()".into()),
            vec![],
        )
    };
    let view = || step(Phase::CreateView, Key::View("s".into(), "v".into()), vec![]);
    // a SQL function whose body names the view comes after it
    let steps = vec![
        function().prefers([Key::View("s".into(), "v".into())]),
        view(),
    ];
    assert_eq!(
        names(&order(steps).unwrap()),
        [r#"View("s", "v")"#, r#"Routine("s", "f()")"#]
    );
    // unless the view calls the function: then the recorded need wins
    let steps = vec![
        function().prefers([Key::View("s".into(), "v".into())]),
        view().requires([Key::Routine("s".into(), "f()".into())]),
    ];
    assert_eq!(
        names(&order(steps).unwrap()),
        [r#"Routine("s", "f()")"#, r#"View("s", "v")"#]
    );
}

#[test]
fn a_relation_the_plan_creates_blocks_nobody_and_needs_no_scan() {
    let table = Key::Table("s".into(), "t".into());
    let column = Key::Column("s".into(), "t".into(), "c".into());
    let create = Step::new(
        Phase::CreateTable,
        Kind::Table,
        Operation::CreateTable(self::table("t")),
        table.clone(),
        "s.t".into(),
    );
    let not_null = Step::new(
        Phase::AlterTable,
        Kind::Column,
        Operation::SetNotNull {
            table: "t".into(),
            column: "c".into(),
            proven: false,
        },
        column.clone(),
        "s.t.c".into(),
    )
    .requires([table.clone()]);
    let plan = build(vec![create, not_null.clone()], "s").unwrap();
    // the CREATE locks nothing that exists; the ALTER after it locks, but harms nobody
    assert_eq!(plan[1].lock_mode, None);
    assert_eq!(plan[2].lock_mode, Some(LockMode::AccessExclusive));
    assert!(plan[1].hazards.is_empty() && plan[2].hazards.is_empty());
    // on a table that exists, the same statement scans it and blocks everyone
    let plan = build(vec![not_null], "s").unwrap();
    assert_eq!(
        plan[1].hazards,
        [
            Hazard::ValidatesRows,
            Hazard::BlocksWrites,
            Hazard::BlocksReads
        ]
    );
}

#[test]
fn a_view_dropped_and_made_again_breaks_what_uses_it_meanwhile() {
    let view = Key::View("s".into(), "v".into());
    let step =
        |phase, operation| Step::new(phase, Kind::View, operation, view.clone(), "s.v".into());
    let drop = || Operation::DropView {
        name: "v".into(),
        materialized: false,
    };
    let create = serde_json::from_value(serde_json::json!({
        "name": "v", "materialized": false, "populated": true, "options": [],
        "definition": " SELECT 1;", "columns": [], "privileges": []
    }))
    .unwrap();
    let plan = build(
        vec![
            step(Phase::DropView, drop()),
            step(Phase::CreateView, Operation::CreateView(create)),
        ],
        "s",
    )
    .unwrap();
    assert!(plan[1].has_hazard(Hazard::BreaksDependents));
    assert!(!plan[2].has_hazard(Hazard::BreaksDependents));
    // dropped for good, it breaks nothing the plan keeps
    let plan = build(vec![step(Phase::DropView, drop())], "s").unwrap();
    assert!(!plan[1].has_hazard(Hazard::BreaksDependents));
}

#[test]
fn an_empty_plan_has_no_preamble() {
    assert!(build(Vec::new(), "public").unwrap().is_empty());
}

#[test]
fn a_plan_opens_with_the_search_path_of_its_schema() {
    let steps = vec![step(
        Phase::CreateTable,
        Key::Table("s".into(), "a".into()),
        vec![],
    )];
    let plan = build(steps, r#"pg_catalog, "My ""Schema""""#).unwrap();
    assert_eq!(
        plan[0].operation,
        Operation::Set(Setting::SearchPath(r#"pg_catalog, "My ""Schema""""#.into()))
    );
    assert_eq!(plan.len(), 2);
}

#[test]
fn a_plan_that_makes_a_function_does_not_check_its_body() {
    let key = Key::Routine("s".into(), "f()".into());
    let routine = serde_json::from_value(serde_json::json!({
        "identity": "f()", "signature": "f()", "name": "f", "kind": "f", "language": "sql",
        "arguments": "", "result": "integer", "definition": null, "privileges": []
    }))
    .unwrap();
    let function = Step::new(
        Phase::CreateRoutine,
        Kind::Function,
        Operation::CreateRoutine {
            security_definer: false,
            routine,
        },
        key,
        "s.f()".into(),
    );
    let plan = build(vec![function], "pg_catalog").unwrap();
    let settings: Vec<&Operation> = plan[..2].iter().map(|s| &s.operation).collect();
    assert_eq!(
        settings,
        [
            &Operation::Set(Setting::SearchPath("pg_catalog".into())),
            &Operation::Set(Setting::NoFunctionBodyChecks),
        ]
    );
    assert_eq!(plan[2].kind, Kind::Function);
    // a plan that makes no function keeps the check, as the session has it
    let table = step(
        Phase::CreateTable,
        Key::Table("s".into(), "a".into()),
        vec![],
    );
    assert!(
        build(vec![table], "pg_catalog")
            .unwrap()
            .iter()
            .all(|s| s.operation != Operation::Set(Setting::NoFunctionBodyChecks))
    );
}
