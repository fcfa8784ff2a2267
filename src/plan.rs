//! Steps of a plan and the one place that orders them.
//!
//! Every step says in which phase it belongs (the usual order of a migration: take down what goes
//! away, then build up what is new) and which objects it needs. One stable topological sort puts a
//! step that makes an object after the steps that make what it needs, a step that takes an
//! object down before the steps that take down what it needed, and otherwise keeps phase order,
//! then the order in which the diff found the steps. A cycle is an error that names the objects.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use crate::error::Error;

/// The object kind a row of the plan is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The session setting that makes the statements' deparsed definitions resolve as read.
    Setting,
    Extension,
    Schema,
    Table,
    Column,
    Constraint,
    Index,
    Sequence,
    View,
    MaterializedView,
    Function,
    Procedure,
    Aggregate,
    Policy,
    Trigger,
    Collation,
    Comment,
    Statistics,
    Rule,
    EventTrigger,
    Enum,
    Domain,
    CompositeType,
    RangeType,
    /// A GRANT or REVOKE on the object named by the identity.
    Privilege,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Setting => "setting",
            Kind::Extension => "extension",
            Kind::Schema => "schema",
            Kind::Table => "table",
            Kind::Column => "column",
            Kind::Constraint => "constraint",
            Kind::Index => "index",
            Kind::Sequence => "sequence",
            Kind::View => "view",
            Kind::MaterializedView => "materialized view",
            Kind::Function => "function",
            Kind::Procedure => "procedure",
            Kind::Aggregate => "aggregate",
            Kind::Policy => "policy",
            Kind::Trigger => "trigger",
            Kind::Collation => "collation",
            Kind::Comment => "comment",
            Kind::Statistics => "statistics",
            Kind::Rule => "rule",
            Kind::EventTrigger => "event trigger",
            Kind::Enum => "enum",
            Kind::Domain => "domain",
            Kind::CompositeType => "composite type",
            Kind::RangeType => "range type",
            Kind::Privilege => "privilege",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Alter,
    /// `CREATE OR REPLACE` of an object that exists.
    Replace,
    Drop,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Alter => "alter",
            Action::Replace => "replace",
            Action::Drop => "drop",
        }
    }
}

/// What a statement can do beyond the change it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Hazard {
    /// Destroys data: a dropped table, column or sequence, a type change that can fail or
    /// truncate. Refused unless the caller says `unsafe => true`.
    DataLoss,
    /// Fails on a table that holds rows: a column added NOT NULL with no default, identity or
    /// generation to fill it.
    FailsOnExistingRows,
}

impl Hazard {
    pub fn as_str(self) -> &'static str {
        match self {
            Hazard::DataLoss => "data_loss",
            Hazard::FailsOnExistingRows => "fails_on_existing_rows",
        }
    }
}

/// The phases of a migration, in the order they run when nothing else says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Preamble,
    CreateSchema,
    /// CREATE and ALTER EXTENSION: tables may need an extension's types.
    CreateExtension,
    // Teardown: what goes away, dependents first.
    /// Views and materialized views, dropped or made again: before what they read.
    DropView,
    DropRoutine,
    /// Before the columns and routines they use.
    DropPolicy,
    /// Before their function, columns, or view.
    DropTrigger,
    /// Before what their actions read and write.
    DropRule,
    DropForeignKey,
    DropConstraint,
    DropIndex,
    /// `ALTER SEQUENCE ... OWNED BY NONE` before the owning column goes away.
    ReleaseSequence,
    /// DROP DEFAULT, DROP IDENTITY, DROP EXPRESSION, DROP NOT NULL: what would stand in the way
    /// of dropping a sequence or a table, or of changing a type.
    ReleaseColumn,
    DropColumn,
    DropTable,
    /// Once no default uses them, and before a new relation may take their name.
    DropSequence,
    /// A type or collation that is made again is renamed out of the way first: what uses it
    /// keeps working until it is moved to the new one, and the new one takes its name.
    SetAside,
    // Build-up: what is new or changed, dependencies first.
    /// Before the types and columns that use them.
    CreateCollation,
    /// Enums, domains, composite and range types, and changes to them: before the columns,
    /// routines and views that use them; a type that needs a table or routine waits for it
    /// through the graph.
    CreateType,
    /// Early, so that defaults, CHECKs and indexes can call them; a routine that needs a table
    /// (its row type, a body that reads it) waits for it through the graph.
    CreateRoutine,
    CreateSequence,
    CreateTable,
    AlterTable,
    AlterSequence,
    CreateIndex,
    CreateConstraint,
    CreateForeignKey,
    /// Once the tables have their final shape; a view that others need waits for them through
    /// the graph, and the indexes of a materialized view wait for it.
    CreateView,
    /// Once the tables, views and routines their expressions use are there.
    CreatePolicy,
    /// Once their table or view, columns and function are there.
    CreateTrigger,
    /// Once their table or view and what their actions read and write are there.
    CreateRule,
    /// GRANT and REVOKE, once every object has its final shape.
    Privileges,
    /// COMMENT ON, once the object is made.
    Comment,
    /// Types go last: until the build-up is over, a column may still be of the old type (it is
    /// moved to another type there).
    DropType,
    DropCollation,
    DropExtension,
    /// A schema is dropped once everything in it is gone.
    DropSchema,
}

impl Phase {
    /// Teardown steps are ordered against each other in reverse of their dependencies.
    pub fn is_teardown(self) -> bool {
        (Phase::DropView..=Phase::SetAside).contains(&self) || self >= Phase::DropType
    }
}

/// An object: its schema, then its name within the schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Setting,
    Extension(String),
    Schema(String),
    Table(String, String),
    /// Persistence and storage parameters of a table: apart from the table, so that its
    /// columns need not wait for them (TOAST parameters wait for the columns instead).
    TableSettings(String, String),
    Column(String, String, String),
    Constraint(String, String, String),
    /// A policy: schema, table, name.
    Policy(String, String, String),
    /// A trigger: schema, table or view, name.
    Trigger(String, String, String),
    /// A rule: schema, table or view, name.
    Rule(String, String, String),
    /// An event trigger: of the database, not of a schema.
    EventTrigger(String),
    Index(String, String),
    Sequence(String, String),
    /// A sequence's OWNED BY: apart from the sequence, so that a default that takes from the
    /// sequence waits for the sequence, not for the column that will own it.
    SequenceOwner(String, String),
    /// A view or a materialized view.
    View(String, String),
    /// A function, procedure or aggregate by its identity, `"name"(argument types)`.
    Routine(String, String),
    /// An enum, domain, composite or range type.
    Type(String, String),
    /// A type that is made again, under the name it was set aside as: dropped at the very end.
    TypeSetAside(String, String),
    /// The rename that sets a type aside (and the CHECKs of a domain dropped with it).
    TypeRename(String, String),
    Collation(String, String),
    /// An extended statistics object.
    Statistics(String, String),
    /// A collation that is made again, as it was set aside.
    CollationSetAside(String, String),
    /// The rename that sets a collation aside.
    CollationRename(String, String),
    /// An object of a kind the plan does not make (a trigger, an operator), by its description:
    /// nothing it needs may be dropped.
    NotCompared(String),
    /// The grants on an object: apart from the object, so that nothing that needs the object
    /// waits for its grants.
    Privileges(Box<Key>),
    /// The comment on an object (or on a column of a view or type, or a domain's constraint).
    Comment(Box<Key>),
}

impl Key {
    /// The object as an error message names it: `column public.t.c`, `routine public.f(integer)`.
    pub fn display(&self) -> String {
        use crate::ddl::display_ident as d;
        match self {
            Key::Setting => "the search_path".to_owned(),
            Key::Extension(e) => format!("extension {}", d(e)),
            Key::Schema(s) => format!("schema {}", d(s)),
            Key::Table(s, t) | Key::TableSettings(s, t) => format!("table {}.{}", d(s), d(t)),
            Key::Column(s, t, c) => format!("column {}.{}.{}", d(s), d(t), d(c)),
            Key::Constraint(s, t, c) => format!("constraint {} on {}.{}", d(c), d(s), d(t)),
            Key::Policy(s, t, p) => format!("policy {} on {}.{}", d(p), d(s), d(t)),
            Key::Trigger(s, t, g) => format!("trigger {} on {}.{}", d(g), d(s), d(t)),
            Key::Rule(s, t, r) => format!("rule {} on {}.{}", d(r), d(s), d(t)),
            Key::EventTrigger(t) => format!("event trigger {}", d(t)),
            Key::Index(s, i) => format!("index {}.{}", d(s), d(i)),
            Key::Sequence(s, q) | Key::SequenceOwner(s, q) => format!("sequence {}.{}", d(s), d(q)),
            Key::View(s, v) => format!("view {}.{}", d(s), d(v)),
            Key::Routine(s, r) => format!("routine {}.{r}", d(s)),
            Key::Type(s, t) | Key::TypeSetAside(s, t) | Key::TypeRename(s, t) => {
                format!("type {}.{}", d(s), d(t))
            }
            Key::Collation(s, c) | Key::CollationSetAside(s, c) | Key::CollationRename(s, c) => {
                format!("collation {}.{}", d(s), d(c))
            }
            Key::Statistics(s, x) => format!("statistics {}.{}", d(s), d(x)),
            Key::NotCompared(what) => what.clone(),
            Key::Privileges(key) => format!("the grants on {}", key.display()),
            Key::Comment(key) => format!("the comment on {}", key.display()),
        }
    }
}

/// One statement of the plan, with what the ordering needs to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub phase: Phase,
    pub kind: Kind,
    pub action: Action,
    /// Qualified display name of the object: `public.accounts.email`.
    pub identity: String,
    pub statement: String,
    pub hazards: Vec<Hazard>,
    /// The object this step makes, changes or drops.
    pub key: Key,
    /// Objects this step needs: made before it, or (for teardown) dropped after it.
    pub requires: Vec<Key>,
    /// Objects this step is better after, though no catalog records it (a SQL function whose
    /// string body reads a table): kept unless they make a cycle, then all such are left out.
    pub prefers: Vec<Key>,
    /// Other objects this step makes or drops along with its own: the sequences that a dropped
    /// column owns. A step that requires one of them is ordered against this step too.
    pub along: Vec<Key>,
}

impl Step {
    pub fn new(
        phase: Phase,
        kind: Kind,
        action: Action,
        key: Key,
        identity: String,
        statement: String,
    ) -> Self {
        Step {
            phase,
            kind,
            action,
            identity,
            statement,
            hazards: Vec::new(),
            key,
            requires: Vec::new(),
            prefers: Vec::new(),
            along: Vec::new(),
        }
    }

    pub fn requires(mut self, keys: impl IntoIterator<Item = Key>) -> Self {
        self.requires.extend(keys);
        self
    }

    pub fn prefers(mut self, keys: impl IntoIterator<Item = Key>) -> Self {
        self.prefers.extend(keys);
        self
    }

    pub fn in_phase(mut self, phase: Phase) -> Self {
        self.phase = phase;
        self
    }

    pub fn hazard(mut self, hazard: Hazard) -> Self {
        if !self.hazards.contains(&hazard) {
            self.hazards.push(hazard);
        }
        self
    }

    pub fn has_hazard(&self, hazard: Hazard) -> bool {
        self.hazards.contains(&hazard)
    }
}

/// Orders the steps and, when there are any, opens the plan with the search_path the
/// definitions were read under (`crate::catalog::search_path_for`), and, when the plan makes
/// or replaces a function or procedure, with `check_function_bodies` off.
pub fn build(steps: Vec<Step>, search_path: &str) -> Result<Vec<Step>, Error> {
    let mut ordered = order(steps)?;
    if ordered.is_empty() {
        return Ok(ordered);
    }
    let setting = |name: &str, statement: String| {
        Step::new(
            Phase::Preamble,
            Kind::Setting,
            Action::Alter,
            Key::Setting,
            name.to_owned(),
            statement,
        )
    };
    let mut preamble = vec![setting(
        "search_path",
        format!("SET search_path TO {search_path};"),
    )];
    // A SQL function's body is checked when it is made, under the plan's search_path, which
    // need not resolve the body's unqualified names (whole-database plans set only
    // pg_catalog); the function finds them at run time under its caller's search_path, as
    // it does where it was read. pg_dump's scripts turn the check off for the same reason.
    let makes_routine_bodies = ordered.iter().any(|s| {
        matches!(s.kind, Kind::Function | Kind::Procedure)
            && matches!(s.action, Action::Create | Action::Replace)
    });
    if makes_routine_bodies {
        preamble.push(setting(
            "check_function_bodies",
            "SET check_function_bodies = false;".to_owned(),
        ));
    }
    ordered.splice(0..0, preamble);
    Ok(ordered)
}

/// The plan as one script: statements separated by a blank line, each hazardous one preceded
/// by a comment that names its hazards. Empty when there is nothing to do.
pub fn script(steps: &[Step]) -> String {
    let mut text = String::new();
    for step in steps {
        if !text.is_empty() {
            text.push('\n');
        }
        if !step.hazards.is_empty() {
            let names: Vec<&str> = step.hazards.iter().map(|h| h.as_str()).collect();
            text.push_str(&format!("-- hazards: {}\n", names.join(", ")));
        }
        text.push_str(&step.statement);
        text.push('\n');
    }
    text
}

/// Stable topological sort: Kahn's algorithm that always takes the ready step with the lowest
/// (phase, position). Preferences count as requirements unless they make a cycle.
pub fn order(steps: Vec<Step>) -> Result<Vec<Step>, Error> {
    if steps.iter().any(|s| !s.prefers.is_empty()) {
        if let Ok(sequence) = sequence(&steps, true) {
            return Ok(take(steps, sequence));
        }
    }
    let sequence = sequence(&steps, false)?;
    Ok(take(steps, sequence))
}

fn take(steps: Vec<Step>, sequence: Vec<usize>) -> Vec<Step> {
    let mut slots: Vec<Option<Step>> = steps.into_iter().map(Some).collect();
    sequence
        .into_iter()
        .filter_map(|i| slots[i].take())
        .collect()
}

fn sequence(steps: &[Step], with_preferences: bool) -> Result<Vec<usize>, Error> {
    let n = steps.len();
    let mut by_key: BTreeMap<&Key, Vec<usize>> = BTreeMap::new();
    for (i, step) in steps.iter().enumerate() {
        by_key.entry(&step.key).or_default().push(i);
    }

    // edges[a] holds b when a must run before b
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut incoming = vec![0usize; n];
    // Steps on one object run in the order the diff found them (ADD COLUMN, then its SET
    // STATISTICS), whatever else each of them waits for.
    for same_key in by_key.values() {
        for class in [true, false] {
            let chain: Vec<usize> = same_key
                .iter()
                .copied()
                .filter(|&i| steps[i].phase.is_teardown() == class)
                .collect();
            for pair in chain.windows(2) {
                edges[pair[0]].push(pair[1]);
                incoming[pair[1]] += 1;
            }
        }
    }
    let mut along: BTreeMap<&Key, Vec<usize>> = BTreeMap::new();
    for (i, step) in steps.iter().enumerate() {
        for key in &step.along {
            along.entry(key).or_default().push(i);
        }
    }
    for (s, step) in steps.iter().enumerate() {
        let preferred = if with_preferences {
            step.prefers.as_slice()
        } else {
            &[]
        };
        for needed in step.requires.iter().chain(preferred) {
            let makers = by_key
                .get(needed)
                .into_iter()
                .chain(along.get(needed))
                .flatten();
            for &t in makers {
                if t == s || steps[t].phase.is_teardown() != step.phase.is_teardown() {
                    continue;
                }
                let (before, after) = if step.phase.is_teardown() {
                    (s, t)
                } else {
                    (t, s)
                };
                edges[before].push(after);
                incoming[after] += 1;
            }
        }
    }

    let mut ready: BinaryHeap<Reverse<(Phase, usize)>> = (0..n)
        .filter(|&i| incoming[i] == 0)
        .map(|i| Reverse((steps[i].phase, i)))
        .collect();
    let mut sequence = Vec::with_capacity(n);
    while let Some(Reverse((_, i))) = ready.pop() {
        sequence.push(i);
        for &j in &edges[i] {
            incoming[j] -= 1;
            if incoming[j] == 0 {
                ready.push(Reverse((steps[j].phase, j)));
            }
        }
    }

    if sequence.len() < n {
        let stuck: Vec<String> = (0..n)
            .filter(|&i| incoming[i] > 0)
            .map(|i| format!("{} {}", steps[i].action.as_str(), steps[i].identity))
            .collect();
        return Err(Error::Cycle(stuck.join(", ")));
    }
    Ok(sequence)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(phase: Phase, key: Key, requires: Vec<Key>) -> Step {
        let name = format!("{key:?}");
        Step::new(phase, Kind::Table, Action::Create, key, name.clone(), name).requires(requires)
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
            plan[0].statement,
            r#"SET search_path TO pg_catalog, "My ""Schema""";"#
        );
        assert_eq!(plan.len(), 2);
    }

    #[test]
    fn a_plan_that_makes_a_function_does_not_check_its_body() {
        let key = Key::Routine("s".into(), "f()".into());
        let function = Step::new(
            Phase::CreateRoutine,
            Kind::Function,
            Action::Create,
            key,
            "s.f()".into(),
            "CREATE ...".into(),
        );
        let plan = build(vec![function], "pg_catalog").unwrap();
        let statements: Vec<&str> = plan.iter().map(|s| s.statement.as_str()).collect();
        assert_eq!(
            statements,
            [
                "SET search_path TO pg_catalog;",
                "SET check_function_bodies = false;",
                "CREATE ..."
            ]
        );
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
                .all(|s| !s.statement.contains("check_function_bodies"))
        );
    }
}
