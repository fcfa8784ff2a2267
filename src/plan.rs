//! Steps of a plan and the one place that orders them.
//!
//! Every step says in which phase it belongs (the usual order of a migration: take down what goes
//! away, then build up what is new) and which objects it needs. One stable topological sort puts a
//! step that makes an object after the steps that make what it needs, a step that takes an
//! object down before the steps that take down what it needed, and otherwise keeps phase order,
//! then the order in which the diff found the steps. A cycle is an error that names the objects.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use crate::error::Error;

pub use crate::change::{Action, ConstraintKind, Hazard, Key, Kind, LockMode, Operation, Setting};

/// The phases of a migration, in the order they run when nothing else says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Preamble,
    CreateSchema,
    /// CREATE and ALTER EXTENSION: tables may need an extension's types.
    CreateExtension,
    /// The renames the caller asked for: every later statement names the objects as renamed.
    Rename,
    /// Partitions detached and parents no longer inherited from: before the parent changes
    /// (which would otherwise reach the table) or goes.
    Detach,
    // Teardown: what goes away, dependents first.
    /// Publications dropped and tables and schemas taken out of them: before any column,
    /// table or schema goes (a column list or row filter holds its columns).
    DropPublication,
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
    /// User mappings, servers and foreign-data wrappers, once no foreign table uses them.
    DropServer,
    /// A type or collation that is made again is renamed out of the way first: what uses it
    /// keeps working until it is moved to the new one, and the new one takes its name.
    SetAside,
    // Build-up: what is new or changed, dependencies first.
    /// Foreign-data wrappers, servers and user mappings, and changes to them: before the foreign
    /// tables on them; a wrapper whose handler is a new routine waits for it through the graph.
    CreateServer,
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
    /// Partitions attached and parents inherited from, once the tables have their final
    /// columns; every partition detached to change its bound is detached before.
    Attach,
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
    /// Publications made and given tables and schemas, once those are made with their final
    /// columns.
    CreatePublication,
    /// ALTER ... OWNER TO, once every object has its final shape (a sequence its OWNED BY, so
    /// that its table's new owner reaches it), and before the grants, which name the owner.
    Owner,
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
        (Phase::DropPublication..=Phase::SetAside).contains(&self) || self >= Phase::DropType
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
    /// The SQL text: written by `crate::ddl::render` from `operation` once the plan is ordered,
    /// empty until then.
    pub statement: String,
    pub hazards: Vec<Hazard>,
    /// What the statement does, as the diff decided it: the lock and hazards come from it.
    pub operation: Operation,
    /// The table, view, materialized view, sequence or index (schema, name) whose lock the row
    /// reports: the object's own relation, or the table of an index or statistics object.
    pub relation: Option<(String, String)>,
    /// The strongest lock the statement takes on `relation` (`plan::annotate`).
    pub lock_mode: Option<LockMode>,
    /// `relation` is made by this statement or an earlier one of the plan: it holds no rows,
    /// and nobody else uses it yet (`plan::annotate`).
    pub relation_is_new: bool,
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
    /// For a step that changes an object in place (ALTER, CREATE OR REPLACE): what the object
    /// needed before (the source's graph). A step that drops one of those runs after this one:
    /// the old enum goes once its columns have moved to the new one.
    pub used_before: Vec<Key>,
}

impl Step {
    pub fn new(phase: Phase, kind: Kind, operation: Operation, key: Key, identity: String) -> Self {
        Step {
            phase,
            kind,
            action: operation.action(),
            identity,
            statement: String::new(),
            hazards: Vec::new(),
            operation,
            relation: key.relation(),
            lock_mode: None,
            relation_is_new: false,
            key,
            requires: Vec::new(),
            prefers: Vec::new(),
            along: Vec::new(),
            used_before: Vec::new(),
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

    /// The relation whose lock the row reports, when it is not the object's own: the table of
    /// an index or of a statistics object.
    pub fn on_relation(mut self, schema: &str, name: &str) -> Self {
        self.relation = Some((schema.to_owned(), name.to_owned()));
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
    annotate(&mut ordered);
    let setting = |name: &str, setting: Setting| {
        Step::new(
            Phase::Preamble,
            Kind::Setting,
            Operation::Set(setting),
            Key::Setting,
            name.to_owned(),
        )
    };
    let mut preamble = vec![setting(
        "search_path",
        Setting::SearchPath(search_path.to_owned()),
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
            Setting::NoFunctionBodyChecks,
        ));
    }
    ordered.splice(0..0, preamble);
    Ok(ordered)
}

/// A lock-safe plan's timeouts, set before the statements that need them (`lock_timeout_ms`: the
/// caller's `lock_timeout`), each only when it changes:
/// - before a statement that takes a lock blocking writes (SHARE or stronger) on a relation that
///   exists, `lock_timeout`: it gives up rather than queue every later query behind it, and the
///   plan can be run again;
/// - before a validation (`VALIDATE CONSTRAINT`), `lock_timeout` too, and `statement_timeout =
///   0`: it scans the whole table under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor
///   writes, and a session's short statement_timeout must not cut it off; a statement that
///   blocks writes while it works (a rewrite, which has no lock-safe form) has it `RESET`;
/// - before a concurrent index build or drop, `lock_timeout = 0` and `statement_timeout = 0`: it
///   waits for the transactions before it without blocking anyone, and one that gives up
///   leaves an invalid index behind.
pub fn guard_locks(steps: Vec<Step>, lock_timeout_ms: u64) -> Vec<Step> {
    #[derive(Clone, Copy, PartialEq)]
    enum Timeout {
        Session,
        Set(u64),
    }
    let setting = |setting: Setting| {
        let name = match setting {
            Setting::LockTimeout(_) => "lock_timeout",
            _ => "statement_timeout",
        };
        Step::new(
            Phase::Preamble,
            Kind::Setting,
            Operation::Set(setting),
            Key::Setting,
            name.to_owned(),
        )
    };
    let (mut lock, mut statement) = (Timeout::Session, Timeout::Session);
    let mut guarded = Vec::with_capacity(steps.len());
    for step in steps {
        let blocks_writes =
            !step.relation_is_new && step.lock_mode.is_some_and(|l| l.blocks_writes());
        let validates =
            matches!(step.operation, Operation::ValidateConstraint { .. }) && !step.relation_is_new;
        // a statement that blocks writes while it works (a rewrite: no lock-safe form) keeps
        // the session's statement_timeout; one that only takes its lock briefly needs none
        let works_long = [
            Hazard::TableRewrite,
            Hazard::ValidatesRows,
            Hazard::IndexBuild,
        ]
        .iter()
        .any(|h| step.has_hazard(*h));
        let wanted = if step.operation.is_non_transactional() {
            Some((Timeout::Set(0), Some(Timeout::Set(0))))
        } else if validates {
            Some((Timeout::Set(lock_timeout_ms), Some(Timeout::Set(0))))
        } else if blocks_writes {
            Some((
                Timeout::Set(lock_timeout_ms),
                works_long.then_some(Timeout::Session),
            ))
        } else {
            None
        };
        if let Some((lock_wanted, statement_wanted)) = wanted {
            if let (Timeout::Set(ms), true) = (lock_wanted, lock_wanted != lock) {
                guarded.push(setting(Setting::LockTimeout(ms)));
                lock = lock_wanted;
            }
            if let Some(statement_wanted) = statement_wanted
                && statement_wanted != statement
            {
                let ms = match statement_wanted {
                    Timeout::Set(ms) => Some(ms),
                    Timeout::Session => None,
                };
                guarded.push(setting(Setting::StatementTimeout(ms)));
                statement = statement_wanted;
            }
        }
        guarded.push(step);
    }
    guarded
}

/// Gives every ordered step its lock mode and the hazards that come from its operation
/// (`crate::costs`), then those that only the whole plan shows:
/// - a relation the plan creates is empty and used by nobody yet: the statements after its
///   CREATE take their locks on it, but block nobody and rewrite, scan or build nothing of
///   worth;
/// - an object dropped and made again later in the plan is missing in between
///   (`breaks_dependents`), for views, routines, triggers, rules and policies.
///
/// No statement of a plan needs a transaction of its own: an enum label that a later statement
/// would use is not added but the enum made again (`diff::types`), so the whole plan can run in
/// one transaction.
fn annotate(steps: &mut [Step]) {
    let made: BTreeSet<Key> = steps
        .iter()
        .filter(|s| s.action == Action::Create)
        .map(|s| s.key.clone())
        .collect();
    let mut created: BTreeSet<(String, String)> = BTreeSet::new();
    for step in steps.iter_mut() {
        let creates_relation = matches!(
            step.operation,
            Operation::CreateTable(_) | Operation::CreateView(_) | Operation::CreateSequence(_)
        );
        step.relation_is_new = match &step.relation {
            Some(relation) if creates_relation => {
                created.insert(relation.clone());
                true
            }
            Some(relation) => created.contains(relation),
            None => false,
        };
        if step.relation.is_some() && !creates_relation {
            step.lock_mode = crate::costs::lock_mode(&step.operation);
        }
        let mut hazards = crate::costs::hazards(&step.operation);
        if let Some(lock) = step.lock_mode {
            if lock.blocks_writes() {
                hazards.push(Hazard::BlocksWrites);
            }
            if lock.blocks_reads() {
                hazards.push(Hazard::BlocksReads);
            }
        }
        let dropped_and_made_again = step.action == Action::Drop
            && matches!(
                step.kind,
                Kind::View
                    | Kind::MaterializedView
                    | Kind::Function
                    | Kind::Procedure
                    | Kind::Aggregate
                    | Kind::Trigger
                    | Kind::Rule
                    | Kind::Policy
            )
            && made.contains(&step.key);
        if dropped_and_made_again {
            hazards.push(Hazard::BreaksDependents);
        }
        step.hazards.extend(hazards);
        if step.relation_is_new {
            step.hazards
                .retain(|h| !crate::costs::only_on_existing_rows(*h));
        }
        step.hazards.sort();
        step.hazards.dedup();
    }
}

/// The plan as one script: statements separated by a blank line, each one that locks a relation
/// that exists or has hazards preceded by a comment that says so (`costs_comment`). Empty when
/// there is nothing to do.
pub fn script(steps: &[Step]) -> String {
    let mut text = String::new();
    for step in steps {
        if !text.is_empty() {
            text.push('\n');
        }
        if let Some(costs) = costs_comment(step) {
            text.push_str(&costs);
        }
        text.push_str(&step.statement);
        text.push('\n');
    }
    text
}

/// `-- lock: ACCESS EXCLUSIVE on public.orders; hazards: table_rewrite, ...`, for a step that
/// locks an existing relation or has hazards.
fn costs_comment(step: &Step) -> Option<String> {
    let mut parts = Vec::new();
    if let (Some(lock), Some((schema, name))) = (step.lock_mode, &step.relation) {
        let relation = crate::ident::display_qualified(schema, name);
        parts.push(format!("lock: {} on {relation}", lock.as_str()));
    }
    if !step.hazards.is_empty() {
        let names: Vec<&str> = step.hazards.iter().map(|h| h.as_str()).collect();
        parts.push(format!("hazards: {}", names.join(", ")));
    }
    (!parts.is_empty()).then(|| format!("-- {}\n", parts.join("; ")))
}

/// Stable topological sort: Kahn's algorithm that always takes, among the steps whose
/// predecessors have all run, the one of lowest (phase, position). Preferences count as
/// requirements unless they make a cycle.
///
/// Every order between two steps that matters is an edge (`sequence`); the phase is only the
/// tie-break between steps with no path between them, and the one rule that is not an edge
/// lives in it: what goes away is taken down before what is new is built, so that a name is
/// free before another kind of object takes it (a sequence dropped, then a table of its name).
///
/// A statement that cannot run in a transaction block (`CREATE INDEX CONCURRENTLY`, in a
/// lock-safe plan) is ranked apart: one that takes down before everything else that is ready,
/// one that builds after everything else that is ready, and what must follow one of those
/// (an index's new name, a constraint that takes the index) after all of them. So such
/// statements gather at the start and towards the end of the plan, and the rows between them
/// run in one transaction, and those after them in another.
pub fn order(steps: Vec<Step>) -> Result<Vec<Step>, Error> {
    let rank = |step: &Step, position: usize| {
        let group = match (
            step.operation.is_non_transactional(),
            step.phase.is_teardown(),
        ) {
            _ if step.phase <= Phase::Rename => 0,
            (true, true) => 0,
            (false, _) => 1,
            (true, false) => 2,
        };
        (group, step.phase, position)
    };
    order_by(steps, &rank)
}

/// Where a step goes among those ready to run: lowest first.
pub type Rank = (u8, Phase, usize);

/// `order` with another tie-break: `rank` of a step and its position.
pub fn order_by(steps: Vec<Step>, rank: &dyn Fn(&Step, usize) -> Rank) -> Result<Vec<Step>, Error> {
    if steps.iter().any(|s| !s.prefers.is_empty())
        && let Ok(sequence) = sequence(&steps, true, rank)
    {
        return Ok(take(steps, sequence));
    }
    let sequence = sequence(&steps, false, rank)?;
    Ok(take(steps, sequence))
}

/// The object whose name a rename sets aside, so that another can be made under it.
fn name_set_aside(key: &Key) -> Option<Key> {
    match key {
        Key::TypeRename(s, t) => Some(Key::Type(s.clone(), t.clone())),
        Key::CollationRename(s, c) => Some(Key::Collation(s.clone(), c.clone())),
        _ => None,
    }
}

/// The object of the source that the drop of a set-aside type or collation removes at last.
fn dropped_at_last(key: &Key) -> Option<Key> {
    match key {
        Key::TypeSetAside(s, t) => Some(Key::Type(s.clone(), t.clone())),
        Key::CollationSetAside(s, c) => Some(Key::Collation(s.clone(), c.clone())),
        _ => None,
    }
}

fn take(steps: Vec<Step>, sequence: Vec<usize>) -> Vec<Step> {
    let mut slots: Vec<Option<Step>> = steps.into_iter().map(Some).collect();
    sequence
        .into_iter()
        .filter_map(|i| slots[i].take())
        .collect()
}

/// The edges, then Kahn's algorithm. Edges:
/// - steps on one object, in each class (teardown, build-up), in the order the diff found them;
/// - a build-up step after the teardown steps on its object, or that set a type or collation
///   of its name aside: a name is taken only once it is free;
/// - a build-up step after what it requires; a teardown step before what it requires, which
///   goes after it (and so for the objects a step takes `along`);
/// - a step that changes an object in place before the drop of what the object used before
///   (`Step::used_before`), when that is dropped for good or set aside and dropped at last.
fn sequence(
    steps: &[Step],
    with_preferences: bool,
    rank: &dyn Fn(&Step, usize) -> Rank,
) -> Result<Vec<usize>, Error> {
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
    // by object: the teardown steps that free its name, and those that drop it for good (one
    // made again has had what uses it released or remade around it)
    let made_again: BTreeSet<&Key> = steps
        .iter()
        .filter(|s| s.action == Action::Create && !s.phase.is_teardown())
        .map(|s| &s.key)
        .collect();
    let mut frees_name: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    let mut drops: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, step) in steps.iter().enumerate() {
        if !step.phase.is_teardown() {
            continue;
        }
        frees_name.entry(step.key.clone()).or_default().push(i);
        if let Some(object) = name_set_aside(&step.key) {
            frees_name.entry(object).or_default().push(i);
        }
        if step.action == Action::Drop && !made_again.contains(&step.key) {
            drops.entry(step.key.clone()).or_default().push(i);
            if let Some(object) = dropped_at_last(&step.key) {
                drops.entry(object).or_default().push(i);
            }
        }
    }
    for (b, step) in steps.iter().enumerate() {
        if step.phase.is_teardown() {
            continue;
        }
        // the first build-up step on the object waits until its name is free
        let first = by_key[&step.key]
            .iter()
            .find(|&&i| !steps[i].phase.is_teardown());
        if first == Some(&b) {
            for &t in frees_name.get(&step.key).into_iter().flatten() {
                edges[t].push(b);
                incoming[b] += 1;
            }
        }
        for used in &step.used_before {
            for &t in drops.get(used).into_iter().flatten() {
                edges[b].push(t);
                incoming[t] += 1;
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

    // what must follow a statement ranked last (2: a concurrent build) is ranked after all of
    // them (3), so that they run together and the rest in as few transactions as can be
    let mut follows_last = vec![false; n];
    let mut stack: Vec<usize> = (0..n).filter(|&i| rank(&steps[i], i).0 == 2).collect();
    while let Some(i) = stack.pop() {
        for &j in &edges[i] {
            if !follows_last[j] {
                follows_last[j] = true;
                stack.push(j);
            }
        }
    }
    let rank = |i: usize| {
        let (group, phase, position) = rank(&steps[i], i);
        let group = if group == 1 && follows_last[i] {
            3
        } else {
            group
        };
        (group, phase, position)
    };
    let mut ready: BinaryHeap<Reverse<(Rank, usize)>> = (0..n)
        .filter(|&i| incoming[i] == 0)
        .map(|i| Reverse((rank(i), i)))
        .collect();
    let mut sequence = Vec::with_capacity(n);
    while let Some(Reverse((_, i))) = ready.pop() {
        sequence.push(i);
        for &j in &edges[i] {
            incoming[j] -= 1;
            if incoming[j] == 0 {
                ready.push(Reverse((rank(j), j)));
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
mod tests;
