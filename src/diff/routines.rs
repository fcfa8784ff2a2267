//! Functions, procedures, aggregates and window functions, paired by identity (name and input
//! argument types), so that overloads are separate objects.
//!
//! A change of body or of any attribute is `CREATE OR REPLACE`. What that refuses (another
//! result type, argument names or defaults, another kind) is a drop and a create, with whatever
//! needs the routine dropped before and made again after; an aggregate that changes is remade.

use std::collections::BTreeSet;

use super::{Decisions, pair_up};
use crate::change::Cx;
use crate::error::Error;
use crate::ident::display_ident;
use crate::model::{Routine, RoutineKind, Schema};
use crate::plan::{Key, Kind, Operation, Phase, Step};

/// Routines of the source that the plan drops, for good or to make again, by their own change.
pub fn going_away(cx: &Cx, from: &Schema, to: &Schema) -> Vec<Key> {
    let pairs = pair_up(&from.routines, &to.routines, |r| r.identity.clone());
    let removed = pairs.removed.into_iter();
    let rebuilt = pairs
        .kept
        .into_iter()
        .filter(|(old, new)| must_be_remade(old, new))
        .map(|(old, _)| old);
    removed
        .chain(rebuilt)
        .map(|r| cx.routine_key(&r.identity))
        .collect()
}

pub fn diff(
    cx: &Cx,
    from: &Schema,
    to: &Schema,
    changes: &Decisions,
    steps: &mut Vec<Step>,
) -> Result<(), Error> {
    let relations = Relations::of(to);
    let pairs = pair_up(&from.routines, &to.routines, |r| r.identity.clone());
    for routine in pairs.removed {
        steps.push(drop(cx, routine));
    }
    for routine in pairs.added {
        steps.push(create(cx, routine, None, &relations)?);
    }
    for (old, new) in pairs.kept {
        let key = cx.routine_key(&new.identity);
        if changes.remade.contains(&key) || must_be_remade(old, new) {
            steps.push(drop(cx, old));
            steps.push(create(cx, new, None, &relations)?);
        } else if old.definition != new.definition {
            steps.push(create(cx, new, Some(old), &relations)?);
        }
    }
    Ok(())
}

/// True when `CREATE OR REPLACE` cannot turn `old` into `new`.
fn must_be_remade(old: &Routine, new: &Routine) -> bool {
    old.kind != new.kind
        || old.arguments != new.arguments
        || old.result != new.result
        || (new.kind == RoutineKind::Aggregate && old.definition != new.definition)
}

fn create(
    cx: &Cx,
    routine: &Routine,
    replaced: Option<&Routine>,
    relations: &Relations,
) -> Result<Step, Error> {
    let operation = match replaced {
        Some(old) => Operation::ReplaceRoutine {
            security_definer: old.security_definer || routine.security_definer,
            routine: Box::new(routine.clone()),
        },
        None => Operation::CreateRoutine {
            security_definer: routine.security_definer,
            routine: Box::new(routine.clone()),
        },
    };
    // PostgreSQL parses a SQL function's string body when it is made, and records nothing it
    // reads: the tables and views of the schema that its body names are made first when they can be
    let reads = if routine.has_string_sql_body() {
        relations.named_in(cx, routine.definition.as_deref().unwrap_or(""))
    } else {
        Vec::new()
    };
    Ok(step(cx, routine, Phase::CreateRoutine, operation).prefers(reads))
}

fn drop(cx: &Cx, routine: &Routine) -> Step {
    let operation = Operation::DropRoutine(Box::new(routine.clone()));
    step(cx, routine, Phase::DropRoutine, operation)
}

fn step(cx: &Cx, routine: &Routine, phase: Phase, operation: Operation) -> Step {
    let kind = match routine.kind {
        RoutineKind::Function | RoutineKind::Window => Kind::Function,
        RoutineKind::Procedure => Kind::Procedure,
        RoutineKind::Aggregate => Kind::Aggregate,
    };
    let identity = format!("{}.{}", display_ident(&cx.schema), routine.signature);
    Step::new(
        phase,
        kind,
        operation,
        cx.routine_key(&routine.identity),
        identity,
    )
}

/// The tables and views of the target schema, by name, to find those a body names.
struct Relations {
    tables: BTreeSet<String>,
    views: BTreeSet<String>,
}

impl Relations {
    fn of(schema: &Schema) -> Self {
        Relations {
            tables: schema.tables.iter().map(|t| t.name.clone()).collect(),
            views: schema.views.iter().map(|v| v.name.clone()).collect(),
        }
    }

    /// Keys of the relations whose names appear in `text` as words or quoted identifiers: a
    /// guess on the safe side, since a preference that makes a cycle is dropped.
    fn named_in(&self, cx: &Cx, text: &str) -> Vec<Key> {
        let mut keys = Vec::new();
        for name in identifiers(text) {
            if self.tables.contains(&name) {
                keys.push(cx.table_key(&name));
            } else if self.views.contains(&name) {
                keys.push(cx.view_key(&name));
            }
        }
        keys
    }
}

/// Plain words, folded to lower case as PostgreSQL folds them, and quoted identifiers as they are.
fn identifiers(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c == '"' {
            let mut name = String::new();
            while let Some((_, c)) = chars.next() {
                if c == '"' {
                    if chars.peek().map(|(_, c)| *c) == Some('"') {
                        chars.next();
                        name.push('"');
                    } else {
                        break;
                    }
                } else {
                    name.push(c);
                }
            }
            found.insert(name);
        } else if c.is_alphabetic() || c == '_' {
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_alphanumeric() || c == '_' || c == '$' {
                    end = i + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            found.insert(text[start..end].to_lowercase());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_words_folded_and_quoted_names_kept() {
        let words = identifiers("select * from Orders join \"Line \"\"Items\"\"\" using (id)");
        assert!(
            words.contains("orders") && words.contains("Line \"Items\"") && words.contains("id")
        );
        assert!(!words.contains("Orders"));
    }
}
