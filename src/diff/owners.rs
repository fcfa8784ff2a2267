//! Owners (`with_owners`): `ALTER ... OWNER TO` where the target's owner of an object differs
//! from the source's, and on every object the plan makes or makes again (it comes out owned by
//! whoever runs the plan). Roles are compared by name and never created: the API refuses a plan
//! whose roles this server lacks (`api::refuse_unknown_owners`).
//!
//! An owner the model does not know (a snapshot written before owners were read) is never a
//! difference. Indexes, identity sequences and sequences OWNED BY a table follow their table's
//! owner: PostgreSQL moves them with ALTER TABLE and refuses them an owner of their own.

use super::{Decisions, Pairs, pair_up};
use crate::change::{CommentOn, Cx, Owned};
use crate::ident::display_ident;
use crate::model::{
    Collation, Routine, RoutineKind, Schema, Sequence, Statistics, Table, Type, TypeDefinition,
    View,
};
use crate::plan::{Key, Kind, Operation, Phase, Step};

/// One object of a kind that has an owner.
struct Object<'a> {
    object: Owned,
    kind: Kind,
    /// The name `ALTER` takes (a routine's signature).
    name: &'a str,
    identity: String,
    key: Key,
    /// Empty when unknown.
    owner: &'a str,
}

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, decided: &Decisions, steps: &mut Vec<Step>) {
    if !decided.with_owners {
        return;
    }
    let tables = pair_up(&from.tables, &to.tables, |t| t.name.clone());
    changes(cx, &tables, table, decided, steps);
    // a sequence OWNED BY a column follows its table (the target's say decides)
    let free = |s: &&Sequence| s.owned_by.is_none();
    let sequences = pair_up(&from.sequences, &to.sequences, |s| s.name.clone());
    let sequences = Pairs {
        added: sequences.added.into_iter().filter(free).collect(),
        removed: Vec::new(),
        kept: sequences
            .kept
            .into_iter()
            .filter(|(_, new)| free(new))
            .collect(),
    };
    changes(cx, &sequences, sequence, decided, steps);
    let views = pair_up(&from.views, &to.views, |v| v.name.clone());
    changes(cx, &views, view, decided, steps);
    let routines = pair_up(&from.routines, &to.routines, |r| r.identity.clone());
    changes(cx, &routines, routine, decided, steps);
    let types = pair_up(&from.types, &to.types, |t| t.name.clone());
    changes(cx, &types, type_, decided, steps);
    let collations = pair_up(&from.collations, &to.collations, |c| c.name.clone());
    changes(cx, &collations, collation, decided, steps);
    let statistics = pair_up(&from.statistics, &to.statistics, |x| x.name.clone());
    changes(cx, &statistics, statistics_object, decided, steps);
}

/// The steps for one kind: the target's owner on what is added or made again, and on what is
/// kept where both sides know the owner and it differs.
fn changes<'a, T>(
    cx: &Cx,
    pairs: &Pairs<'a, T>,
    describe: fn(&Cx, &'a T) -> Object<'a>,
    decided: &Decisions,
    steps: &mut Vec<Step>,
) {
    for new in &pairs.added {
        let new = describe(cx, new);
        if !new.owner.is_empty() {
            steps.push(step(new));
        }
    }
    for (old, new) in &pairs.kept {
        let (old, new) = (describe(cx, old), describe(cx, new));
        let differs = !old.owner.is_empty() && old.owner != new.owner;
        if !new.owner.is_empty() && (differs || decided.made_again(&new.key)) {
            steps.push(step(new));
        }
    }
}

/// After the object exists and has its final shape, before its grants.
fn step(object: Object) -> Step {
    let operation = Operation::SetOwner {
        object: object.object,
        name: object.name.to_owned(),
        role: object.owner.to_owned(),
    };
    Step::new(
        Phase::Owner,
        object.kind,
        operation,
        Key::Owner(Box::new(object.key.clone())),
        object.identity,
    )
    .requires([object.key])
}

/// `ALTER SCHEMA ... OWNER TO`: between whole databases, for a schema the plan creates or one
/// whose owner differs (`diff::databases`).
pub fn schema(name: &str, before: Option<&str>, owner: &str) -> Option<Step> {
    let key = Key::Schema(name.to_owned());
    database_object(Owned::Schema, Kind::Schema, key, name, before, owner)
}

/// `ALTER ... OWNER TO` on an object of the database (a schema, a publication, a foreign-data
/// wrapper, a server) that the plan makes (`before` is `None`) or whose owner differs; an
/// unknown owner (empty) is no difference.
pub fn database_object(
    object: Owned,
    kind: Kind,
    key: Key,
    name: &str,
    before: Option<&str>,
    owner: &str,
) -> Option<Step> {
    let differs = before.is_none_or(|b| !b.is_empty() && b != owner);
    if owner.is_empty() || !differs {
        return None;
    }
    let operation = Operation::SetOwner {
        object,
        name: name.to_owned(),
        role: owner.to_owned(),
    };
    let step = Step::new(
        Phase::Owner,
        kind,
        operation,
        Key::Owner(Box::new(key.clone())),
        display_ident(name),
    );
    Some(step.requires([key]))
}

/// A publication, a foreign-data wrapper or a server: what `comment_and_owner` needs of one.
pub struct Described<'a> {
    pub key: Key,
    pub kind: Kind,
    pub owned: Owned,
    pub on: CommentOn,
    pub name: &'a str,
    pub comment: Option<&'a str>,
    /// Empty when unknown.
    pub owner: &'a str,
}

/// The comment of an object of the database that the plan keeps (`old`) or makes (`None`),
/// where it differs; then, `with_owners`, its owner (`owners::database_object`).
pub fn comment_and_owner(
    old: Option<Described>,
    new: Described,
    with_owners: bool,
    steps: &mut Vec<Step>,
) {
    if old.as_ref().and_then(|o| o.comment) != new.comment {
        let on = new.on.clone();
        steps.push(super::comments::database_object(
            new.key.clone(),
            new.name,
            on,
            new.comment,
        ));
    }
    if with_owners {
        let before = old.as_ref().map(|o| o.owner);
        steps.extend(super::owners::database_object(
            new.owned, new.kind, new.key, new.name, before, new.owner,
        ));
    }
}

fn table<'a>(cx: &Cx, t: &'a Table) -> Object<'a> {
    Object {
        object: Owned::Table,
        kind: Kind::Table,
        name: &t.name,
        identity: cx.identity(&[&t.name]),
        key: cx.table_key(&t.name),
        owner: &t.owner,
    }
}

fn sequence<'a>(cx: &Cx, s: &'a Sequence) -> Object<'a> {
    Object {
        object: Owned::Sequence,
        kind: Kind::Sequence,
        name: &s.name,
        identity: cx.identity(&[&s.name]),
        key: cx.sequence_key(&s.name),
        owner: &s.owner,
    }
}

fn view<'a>(cx: &Cx, v: &'a View) -> Object<'a> {
    let (object, kind) = if v.materialized {
        (Owned::MaterializedView, Kind::MaterializedView)
    } else {
        (Owned::View, Kind::View)
    };
    Object {
        object,
        kind,
        name: &v.name,
        identity: cx.identity(&[&v.name]),
        key: cx.view_key(&v.name),
        owner: &v.owner,
    }
}

fn routine<'a>(cx: &Cx, r: &'a Routine) -> Object<'a> {
    let (object, kind) = match r.kind {
        RoutineKind::Function | RoutineKind::Window => (Owned::Function, Kind::Function),
        RoutineKind::Procedure => (Owned::Procedure, Kind::Procedure),
        RoutineKind::Aggregate => (Owned::Aggregate, Kind::Aggregate),
    };
    Object {
        object,
        kind,
        name: &r.signature,
        identity: format!("{}.{}", display_ident(&cx.schema), r.signature),
        key: cx.routine_key(&r.identity),
        owner: &r.owner,
    }
}

fn type_<'a>(cx: &Cx, t: &'a Type) -> Object<'a> {
    let (object, kind) = match t.definition {
        TypeDefinition::Enum { .. } => (Owned::Type, Kind::Enum),
        TypeDefinition::Domain(_) => (Owned::Domain, Kind::Domain),
        TypeDefinition::Composite { .. } => (Owned::Type, Kind::CompositeType),
        TypeDefinition::Range { .. } => (Owned::Type, Kind::RangeType),
    };
    Object {
        object,
        kind,
        name: &t.name,
        identity: cx.identity(&[&t.name]),
        key: cx.type_key(&t.name),
        owner: &t.owner,
    }
}

fn collation<'a>(cx: &Cx, c: &'a Collation) -> Object<'a> {
    Object {
        object: Owned::Collation,
        kind: Kind::Collation,
        name: &c.name,
        identity: cx.identity(&[&c.name]),
        key: cx.collation_key(&c.name),
        owner: &c.owner,
    }
}

fn statistics_object<'a>(cx: &Cx, x: &'a Statistics) -> Object<'a> {
    Object {
        object: Owned::Statistics,
        kind: Kind::Statistics,
        name: &x.name,
        identity: cx.identity(&[&x.name]),
        key: cx.statistics_key(&x.name),
        owner: &x.owner,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::model::Schema;
    use crate::plan::{self, Step};

    fn schema(name: &str, owner: &str, table_owner: Option<&str>, sequences: Value) -> Schema {
        let mut table = json!({ "name": "t", "persistence": "p", "options": [], "toast_options": [],
                                "columns": [] });
        if let Some(owner) = table_owner {
            table["owner"] = json!(owner);
        }
        serde_json::from_value(json!({
            "name": name, "owner": owner, "tables": [table], "constraints": [], "indexes": [],
            "sequences": sequences,
            "views": [{ "name": "v", "materialized": false, "definition": " SELECT 1", "options": [],
                        "populated": true, "columns": [], "owner": "app" }]
        }))
        .unwrap()
    }

    fn sequence(name: &str, owner: &str, owned_by: Value) -> Value {
        json!({ "name": name, "data_type": "bigint", "start": 1, "increment": 1, "min": 1,
                "max": 9223372036854775807_i64, "cache": 1, "cycle": false, "persistence": "p",
                "owner": owner, "owned_by": owned_by })
    }

    fn statements(from: &Schema, to: &Schema, with_owners: bool) -> Vec<String> {
        let changes =
            super::super::schemas(from, to, false, with_owners, false, &Default::default())
                .unwrap();
        let mut steps: Vec<Step> = plan::build(changes, "pg_catalog").unwrap();
        crate::ddl::render(&mut steps).unwrap();
        steps
            .into_iter()
            .filter(|s| s.kind != crate::plan::Kind::Setting)
            .map(|s| s.statement)
            .collect()
    }

    #[test]
    fn an_owner_that_differs_is_set_only_with_owners() {
        let from = schema("a", "x", Some("alice"), json!([]));
        let to = schema("b", "y", Some("bob"), json!([]));
        assert_eq!(
            statements(&from, &to, true),
            [r#"ALTER TABLE "a"."t" OWNER TO "bob";"#]
        );
        assert!(statements(&from, &to, false).is_empty());
    }

    #[test]
    fn an_unknown_owner_is_never_a_difference() {
        // a snapshot written before owners were read
        let from = schema("a", "x", None, json!([]));
        let to = schema("b", "y", Some("bob"), json!([]));
        assert!(statements(&from, &to, true).is_empty());
    }

    #[test]
    fn a_new_object_gets_its_owner_after_it_is_made_and_an_owned_sequence_follows_its_table() {
        let from = serde_json::from_value(json!({
            "name": "a", "tables": [], "constraints": [], "indexes": [], "sequences": []
        }))
        .unwrap();
        let owned = json!({ "table": "t", "column": "id" });
        let to = schema(
            "b",
            "y",
            Some("bob"),
            json!([
                sequence("free", "carol", Value::Null),
                sequence("t_id_seq", "bob", owned)
            ]),
        );
        let got = statements(&from, &to, true);
        let position = |text: &str| got.iter().position(|s| s == text).unwrap();
        assert!(
            position(r#"ALTER TABLE "a"."t" OWNER TO "bob";"#)
                > position(r#"CREATE TABLE "a"."t" ();"#)
        );
        assert!(got.contains(&r#"ALTER SEQUENCE "a"."free" OWNER TO "carol";"#.to_owned()));
        assert!(got.contains(&r#"ALTER VIEW "a"."v" OWNER TO "app";"#.to_owned()));
        assert!(!got.iter().any(|s| s.contains(r#""t_id_seq" OWNER"#)));
    }
}
