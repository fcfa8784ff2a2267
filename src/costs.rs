//! What a statement costs production, from its operation alone: the strongest lock it takes on
//! the relation its row names, as PostgreSQL's documentation of each command gives it, and the
//! hazards the operation carries whatever else the plan does. The hazards that depend on the
//! whole plan (an object dropped and made again, a new enum value used later, a relation the
//! plan itself creates) are `plan::annotate`'s.
//!
//! `pg_test/run.py` holds every row of every case to this: it runs each statement in a
//! transaction of its own and compares the lock it took (`pg_locks`) and whether the table was
//! written out again (`relfilenode`) with what the row says.

use crate::change::{ConstraintKind, Hazard, LockMode, Operation};

/// The strongest lock the statement takes on the relation its row names (`Step::relation`);
/// `None` when it takes none there, or names no relation.
pub fn lock_mode(operation: &Operation) -> Option<LockMode> {
    use LockMode::*;
    use Operation as O;
    Some(match operation {
        O::Set
        | O::CreateSchema
        | O::DropSchema
        | O::CreateExtension
        | O::UpdateExtension
        | O::MoveExtension
        | O::DropExtension
        | O::CreateTable
        | O::CreateView
        | O::CreateSequence
        | O::CreateRoutine { .. }
        | O::ReplaceRoutine { .. }
        | O::DropRoutine
        | O::CreateType
        | O::DropType
        | O::RenameType
        | O::AddEnumValue
        | O::AlterDomain
        | O::SetDomainNotNull
        | O::AddDomainConstraint { .. }
        | O::ValidateDomainConstraint
        | O::DropDomainConstraint
        | O::AddAttribute
        | O::DropAttribute
        | O::AlterAttribute
        | O::CreateCollation
        | O::RenameCollation
        | O::DropCollation
        | O::CreateEventTrigger
        | O::DropEventTrigger
        | O::EnableEventTrigger
        | O::Grant
        | O::Revoke
        // the statistics object is locked, not its table
        | O::AlterStatistics => return None,

        O::TableStorageParameters { names } => {
            if names.iter().all(|n| parameter_needs_only_share_update_exclusive(n)) {
                ShareUpdateExclusive
            } else {
                AccessExclusive
            }
        }
        O::ClusterOn
        | O::SetColumnStatistics
        | O::ValidateConstraint { .. }
        | O::IndexStorageParameters
        | O::CreateStatistics
        | O::DropStatistics
        | O::Comment {
            whole_relation: true,
        } => ShareUpdateExclusive,
        O::Comment {
            whole_relation: false,
        } => AccessShare,
        O::CreateIndex => Share,
        O::AddConstraint {
            kind: ConstraintKind::ForeignKey,
            ..
        }
        | O::AlterSequence
        | O::SequenceOwnedBy
        | O::CreateTrigger
        | O::ReplaceTrigger
        | O::EnableTrigger => ShareRowExclusive,

        O::DropTable
        | O::SetTablePersistence
        | O::SetAccessMethod
        | O::RowSecurity
        | O::ReplicaIdentity
        | O::OfType
        | O::AddColumn { .. }
        | O::DropColumn
        | O::AlterColumnType { .. }
        | O::SetDefault { .. }
        | O::DropDefault
        | O::SetNotNull
        | O::DropNotNull
        | O::AddIdentity
        | O::AlterIdentity
        | O::DropIdentity
        | O::DropExpression
        | O::SetColumnCompression
        | O::SetColumnStorage
        | O::AddConstraint { .. }
        | O::DropConstraint { .. }
        | O::DropIndex
        | O::SetSequencePersistence
        | O::RenameSequence
        | O::DropSequence
        | O::ReplaceView { .. }
        | O::DropView
        | O::SetViewColumnDefault
        | O::RefreshMaterializedView
        | O::CreatePolicy
        | O::AlterPolicy
        | O::DropPolicy
        | O::DropTrigger
        | O::CreateRule
        | O::ReplaceRule
        | O::DropRule
        | O::EnableRule => AccessExclusive,
    })
}

/// Storage parameters that `ALTER TABLE ... SET` changes under SHARE UPDATE EXCLUSIVE (the
/// documentation of `SET ( storage_parameter ...)`); any other takes ACCESS EXCLUSIVE.
fn parameter_needs_only_share_update_exclusive(name: &str) -> bool {
    let name = name.strip_prefix("toast.").unwrap_or(name);
    name.starts_with("autovacuum_")
        || matches!(
            name,
            "fillfactor"
                | "toast_tuple_target"
                | "parallel_workers"
                | "log_autovacuum_min_duration"
                | "vacuum_index_cleanup"
                | "vacuum_truncate"
        )
}

/// The hazards an operation carries by itself.
pub fn hazards(operation: &Operation) -> Vec<Hazard> {
    use Operation as O;
    let mut hazards = Vec::new();
    let rewrites = matches!(
        operation,
        O::AddColumn { rewrites: true }
            | O::AlterColumnType { rewrites: true }
            | O::SetTablePersistence
            | O::SetAccessMethod
    );
    if rewrites {
        hazards.push(Hazard::TableRewrite);
    }
    let validates = match operation {
        O::AddConstraint { validated, .. } => *validated,
        O::ValidateConstraint { .. }
        | O::SetNotNull
        | O::SetDomainNotNull
        | O::ValidateDomainConstraint => true,
        O::AddDomainConstraint { validated } => *validated,
        _ => false,
    };
    if validates {
        hazards.push(Hazard::ValidatesRows);
    }
    let builds_index = match operation {
        O::CreateIndex => true,
        O::AddConstraint {
            kind, using_index, ..
        } => {
            !using_index
                && matches!(
                    kind,
                    ConstraintKind::PrimaryKey | ConstraintKind::Unique | ConstraintKind::Exclusion
                )
        }
        _ => false,
    };
    if builds_index {
        hazards.push(Hazard::IndexBuild);
    }
    let authz = matches!(
        operation,
        O::Grant
            | O::Revoke
            | O::CreatePolicy
            | O::AlterPolicy
            | O::DropPolicy
            | O::RowSecurity
            | O::CreateRoutine {
                security_definer: true
            }
            | O::ReplaceRoutine {
                security_definer: true
            }
            | O::ReplaceView { security: true }
    );
    if authz {
        hazards.push(Hazard::AuthzChange);
    }
    if matches!(
        operation,
        O::AddIdentity
            | O::SetDefault {
                from_sequence: true
            }
    ) {
        hazards.push(Hazard::SequenceBehindData);
    }
    hazards
}

/// Hazards that only matter on a table that holds rows, dropped for a relation the plan itself
/// creates: it is empty, and nobody else uses it yet.
pub fn only_on_existing_rows(hazard: Hazard) -> bool {
    matches!(
        hazard,
        Hazard::TableRewrite
            | Hazard::ValidatesRows
            | Hazard::IndexBuild
            | Hazard::SequenceBehindData
            | Hazard::FailsOnExistingRows
            | Hazard::BlocksReads
            | Hazard::BlocksWrites
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_alter_table_forms_take_access_exclusive() {
        let exclusive = [
            Operation::AddColumn { rewrites: false },
            Operation::SetNotNull,
            Operation::AlterColumnType { rewrites: false },
            Operation::DropConstraint {
                kind: ConstraintKind::Check,
            },
        ];
        for operation in exclusive {
            assert_eq!(lock_mode(&operation), Some(LockMode::AccessExclusive));
        }
    }

    #[test]
    fn some_forms_let_reads_and_writes_go_on() {
        let index = lock_mode(&Operation::CreateIndex).unwrap();
        assert!(index.blocks_writes() && !index.blocks_reads());
        let foreign_key = lock_mode(&Operation::AddConstraint {
            kind: ConstraintKind::ForeignKey,
            validated: true,
            using_index: false,
        })
        .unwrap();
        assert_eq!(foreign_key, LockMode::ShareRowExclusive);
        let validate = lock_mode(&Operation::ValidateConstraint {
            kind: ConstraintKind::ForeignKey,
        })
        .unwrap();
        assert!(!validate.blocks_writes());
        let fillfactor = Operation::TableStorageParameters {
            names: vec!["fillfactor".into(), "toast.autovacuum_enabled".into()],
        };
        assert_eq!(lock_mode(&fillfactor), Some(LockMode::ShareUpdateExclusive));
        let barrier = Operation::TableStorageParameters {
            names: vec!["fillfactor".into(), "user_catalog_table".into()],
        };
        assert_eq!(lock_mode(&barrier), Some(LockMode::AccessExclusive));
    }

    #[test]
    fn hazards_follow_the_facts_the_diff_decided() {
        assert_eq!(
            hazards(&Operation::AlterColumnType { rewrites: true }),
            [Hazard::TableRewrite]
        );
        assert!(hazards(&Operation::AlterColumnType { rewrites: false }).is_empty());
        let unique = Operation::AddConstraint {
            kind: ConstraintKind::Unique,
            validated: true,
            using_index: false,
        };
        assert_eq!(
            hazards(&unique),
            [Hazard::ValidatesRows, Hazard::IndexBuild]
        );
        let not_valid = Operation::AddConstraint {
            kind: ConstraintKind::Check,
            validated: false,
            using_index: false,
        };
        assert!(hazards(&not_valid).is_empty());
        assert_eq!(
            hazards(&Operation::CreateRoutine {
                security_definer: true
            }),
            [Hazard::AuthzChange]
        );
        assert_eq!(
            hazards(&Operation::AddIdentity),
            [Hazard::SequenceBehindData]
        );
    }
}
