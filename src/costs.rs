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
        O::Set(_)
        | O::Hook { .. }
        | O::CreateSchema { .. }
        | O::DropSchema { .. }
        | O::CreateExtension { .. }
        | O::UpdateExtension { .. }
        | O::MoveExtension { .. }
        | O::DropExtension { .. }
        | O::CreateTable(_)
        | O::CreateView(_)
        | O::CreateSequence(_)
        | O::CreateRoutine { .. }
        | O::ReplaceRoutine { .. }
        | O::DropRoutine(_)
        | O::CreateType { .. }
        | O::DropType { .. }
        | O::SetTypeAside { .. }
        | O::AddEnumValue { .. }
        | O::AlterDomain { .. }
        | O::SetDomainNotNull { .. }
        | O::AddDomainConstraint { .. }
        | O::ValidateDomainConstraint { .. }
        | O::DropDomainConstraint { .. }
        | O::AddAttribute { .. }
        | O::DropAttribute { .. }
        | O::AlterAttribute { .. }
        | O::CreateCollation(_)
        | O::RenameCollation { .. }
        | O::DropCollation { .. }
        | O::CreateEventTrigger(_)
        | O::DropEventTrigger { .. }
        | O::EnableEventTrigger(_)
        // a publication made or dropped whole names no one relation (CREATE PUBLICATION FOR
        // TABLE takes SHARE UPDATE EXCLUSIVE on each table it names, as ADD TABLE does)
        | O::CreatePublication(_)
        | O::DropPublication { .. }
        | O::SetPublicationOptions(_)
        | O::PublicationAddSchema { .. }
        | O::PublicationDropSchema { .. }
        | O::CreateForeignDataWrapper(_)
        | O::AlterForeignDataWrapper { .. }
        | O::DropForeignDataWrapper { .. }
        | O::CreateServer(_)
        | O::AlterServer { .. }
        | O::DropServer { .. }
        | O::CreateUserMapping(_)
        | O::AlterUserMapping { .. }
        | O::DropUserMapping { .. }
        | O::Grant { .. }
        | O::Revoke { .. }
        // the statistics object is locked, not its table
        | O::AlterStatistics(_)
        | O::Rename(crate::change::Renamed::Type { .. } | crate::change::Renamed::EnumValue { .. }) => {
            return None;
        }

        O::TableStorageParameters {
            prefix, parameters, ..
        } => {
            let names = parameters.names(prefix);
            if names.iter().all(|n| parameter_needs_only_share_update_exclusive(n)) {
                ShareUpdateExclusive
            } else {
                AccessExclusive
            }
        }
        O::ClusterOn { .. }
        | O::SetColumnStatistics { .. }
        | O::ValidateConstraint { .. }
        | O::IndexStorageParameters { .. }
        | O::CreateStatistics(_)
        | O::DropStatistics { .. }
        // OpenTableList in publicationcmds.c, for ADD and DROP alike: reads and writes go on
        | O::PublicationAddTable { .. }
        | O::PublicationDropTable { .. }
        | O::Comment {
            whole_relation: true,
            ..
        } => ShareUpdateExclusive,
        O::Comment {
            whole_relation: false,
            ..
        }
        // on the partition and its parent; the parent's index takes SHARE UPDATE EXCLUSIVE,
        // the partition's (no query uses it yet) ACCESS EXCLUSIVE
        | O::AttachIndex { .. } => AccessShare,
        O::CreateIndex {
            concurrently: false,
            ..
        } => Share,
        // on the table; the index being renamed is the row's relation
        O::CreateIndex {
            concurrently: true,
            ..
        }
        | O::DropIndex {
            concurrently: true,
            ..
        }
        | O::RenameIndex { .. } => ShareUpdateExclusive,
        O::AddConstraint {
            kind: ConstraintKind::ForeignKey,
            ..
        }
        | O::AlterSequence { .. }
        | O::SequenceOwnedBy { .. }
        | O::CreateTrigger(_)
        | O::ReplaceTrigger(_)
        | O::EnableTrigger(_) => ShareRowExclusive,

        O::DropTable { .. }
        // AT_GenericOptions and AT_AlterColumnGenericOptions
        | O::ForeignOptions { .. }
        | O::SetTablePersistence { .. }
        | O::SetAccessMethod { .. }
        | O::SetTablespace { .. }
        // on the partition or child; the parent takes SHARE UPDATE EXCLUSIVE for an ATTACH
        | O::AttachPartition { .. }
        | O::DetachPartition { .. }
        | O::Inherit { .. }
        | O::RowSecurity { .. }
        | O::ReplicaIdentity { .. }
        | O::OfType { .. }
        | O::AddColumn { .. }
        | O::DropColumn { .. }
        | O::AlterColumnType { .. }
        | O::SetDefault { .. }
        | O::DropDefault { .. }
        | O::SetNotNull { .. }
        // RenameConstraint in tablecmds.c
        | O::RenameNotNull { .. }
        | O::DropNotNull { .. }
        | O::AddIdentity { .. }
        | O::AlterIdentity { .. }
        | O::DropIdentity { .. }
        | O::DropExpression { .. }
        | O::SetColumnCompression { .. }
        | O::SetColumnStorage { .. }
        | O::AddConstraint { .. }
        | O::DropConstraint { .. }
        | O::AddNotNullCheck { .. }
        | O::Rename(_)
        | O::DropIndex {
            concurrently: false,
            ..
        }
        | O::SetSequencePersistence { .. }
        | O::RenameSequence { .. }
        | O::DropSequence { .. }
        | O::ReplaceView { .. }
        | O::DropView { .. }
        | O::SetViewColumnDefault { .. }
        | O::RefreshMaterializedView { .. }
        | O::CreatePolicy(_)
        | O::AlterPolicy(_)
        | O::DropPolicy { .. }
        | O::DropTrigger { .. }
        | O::CreateRule(_)
        | O::ReplaceRule(_)
        | O::DropRule { .. }
        | O::EnableRule(_) => AccessExclusive,
        // ALTER TABLE, VIEW, MATERIALIZED VIEW and SEQUENCE alike; the others lock no relation
        O::SetOwner { object, .. } if object.is_relation() => AccessExclusive,
        O::SetOwner { .. } => return None,
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
        O::AddColumn { rewrites: true, .. }
            | O::AlterColumnType { rewrites: true, .. }
            | O::SetTablePersistence { .. }
            | O::SetAccessMethod { .. }
            | O::SetTablespace {
                partitioned: false,
                ..
            }
    );
    if rewrites {
        hazards.push(Hazard::TableRewrite);
    }
    let validates = match operation {
        // an index built beforehand has checked the rows already
        O::AddConstraint {
            validated,
            using_index,
            ..
        } => *validated && using_index.is_none(),
        O::SetNotNull { proven, .. } => !proven,
        O::ValidateConstraint { .. }
        | O::AttachPartition { .. }
        | O::SetDomainNotNull { .. }
        | O::ValidateDomainConstraint { .. } => true,
        O::AddDomainConstraint { validated, .. } => *validated,
        _ => false,
    };
    if validates {
        hazards.push(Hazard::ValidatesRows);
    }
    let builds_index = match operation {
        O::CreateIndex { only, .. } => !only,
        O::AddConstraint {
            kind, using_index, ..
        } => {
            using_index.is_none()
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
    if operation.is_non_transactional() {
        hazards.push(Hazard::NonTransactional);
    }
    let authz = matches!(
        operation,
        O::Grant { .. }
            | O::Revoke { .. }
            | O::SetOwner { .. }
            // who connects to a remote server as whom
            | O::CreateUserMapping(_)
            | O::AlterUserMapping { .. }
            | O::DropUserMapping { .. }
            | O::CreatePolicy(_)
            | O::AlterPolicy(_)
            | O::DropPolicy { .. }
            | O::RowSecurity { .. }
            | O::CreateRoutine {
                security_definer: true,
                ..
            }
            | O::ReplaceRoutine {
                security_definer: true,
                ..
            }
            | O::ReplaceView { security: true, .. }
    );
    if authz {
        hazards.push(Hazard::AuthzChange);
    }
    if matches!(
        operation,
        O::AddIdentity { .. }
            | O::SetDefault {
                from_sequence: true,
                ..
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
    use crate::model::{Column, Constraint, ConstraintType, Index, Routine, RoutineKind, Storage};

    fn column() -> Box<Column> {
        Box::new(Column {
            local: true,
            inherited: false,
            name: "c".into(),
            position: 1,
            data_type: "bigint".into(),
            collation: None,
            not_null: false,
            not_null_name: None,
            default: None,
            default_volatile: false,
            generated: None,
            generated_virtual: false,
            generated_uses: vec![],
            identity: None,
            storage: Storage::Plain,
            type_storage: Storage::Plain,
            statistics: None,
            compression: None,
            privileges: vec![],
            fdw_options: vec![],
        })
    }

    fn retype(rewrites: bool) -> Operation {
        Operation::AlterColumnType {
            rewrites,
            table: "t".into(),
            column: column(),
            conversion: crate::change::Conversion::Assignment,
        }
    }

    fn add_constraint(kind: ConstraintKind, validated: bool) -> Operation {
        let constraint_type = match kind {
            ConstraintKind::Check => ConstraintType::Check,
            ConstraintKind::ForeignKey => ConstraintType::ForeignKey,
            ConstraintKind::PrimaryKey => ConstraintType::PrimaryKey,
            ConstraintKind::Unique => ConstraintType::Unique,
            ConstraintKind::Exclusion => ConstraintType::Exclude,
        };
        Operation::AddConstraint {
            kind,
            validated,
            using_index: None,
            index_parameters: false,
            constraint: Box::new(Constraint {
                inherited: false,
                name: "k".into(),
                table: "t".into(),
                constraint_type,
                definition: "CHECK (c > 0)".into(),
                validated,
                deferrable: false,
                deferred: false,
                columns: vec!["c".into()],
                references: None,
                index_name: None,
                index_options: vec![],
                index_definition: None,
                index_tablespace: None,
                index_predicate: None,
            }),
        }
    }

    fn table_parameters(options: &[&str]) -> Operation {
        Operation::TableStorageParameters {
            table: "t".into(),
            prefix: "",
            parameters: crate::change::Parameters::Set(
                options.iter().map(|o| (*o).to_owned()).collect(),
            ),
        }
    }

    #[test]
    fn most_alter_table_forms_take_access_exclusive() {
        let exclusive = [
            Operation::AddColumn {
                rewrites: false,
                table: "t".into(),
                column: column(),
            },
            Operation::SetNotNull {
                table: "t".into(),
                column: "c".into(),
                proven: false,
            },
            retype(false),
            Operation::DropConstraint {
                kind: ConstraintKind::Check,
                table: "t".into(),
                name: "k".into(),
            },
        ];
        for operation in exclusive {
            assert_eq!(lock_mode(&operation), Some(LockMode::AccessExclusive));
        }
    }

    #[test]
    fn some_forms_let_reads_and_writes_go_on() {
        let create_index = |concurrently| Operation::CreateIndex {
            index: Box::new(Index {
                attached: false,
                attached_to: None,
                name: "i".into(),
                table: "t".into(),
                unique: false,
                valid: true,
                method: "btree".into(),
                definition: Some("(c)".into()),
                tablespace: None,
                predicate: None,
                columns: vec!["c".into()],
            }),
            concurrently,
            only: false,
        };
        let index = lock_mode(&create_index(false)).unwrap();
        assert!(index.blocks_writes() && !index.blocks_reads());
        let online = lock_mode(&create_index(true)).unwrap();
        assert_eq!(online, LockMode::ShareUpdateExclusive);
        assert_eq!(
            hazards(&create_index(true)),
            [Hazard::IndexBuild, Hazard::NonTransactional]
        );
        let foreign_key = lock_mode(&add_constraint(ConstraintKind::ForeignKey, true)).unwrap();
        assert_eq!(foreign_key, LockMode::ShareRowExclusive);
        let validate = lock_mode(&Operation::ValidateConstraint {
            kind: ConstraintKind::ForeignKey,
            table: "t".into(),
            name: "k".into(),
        })
        .unwrap();
        assert!(!validate.blocks_writes());
        let fillfactor = Operation::TableStorageParameters {
            table: "t".into(),
            prefix: "toast.",
            parameters: crate::change::Parameters::Reset(vec!["autovacuum_enabled=false".into()]),
        };
        assert_eq!(lock_mode(&fillfactor), Some(LockMode::ShareUpdateExclusive));
        assert_eq!(
            lock_mode(&table_parameters(&["fillfactor=70"])),
            Some(LockMode::ShareUpdateExclusive)
        );
        let catalog = table_parameters(&["fillfactor=70", "user_catalog_table=true"]);
        assert_eq!(lock_mode(&catalog), Some(LockMode::AccessExclusive));
    }

    #[test]
    fn hazards_follow_the_facts_the_diff_decided() {
        assert_eq!(hazards(&retype(true)), [Hazard::TableRewrite]);
        assert!(hazards(&retype(false)).is_empty());
        assert_eq!(
            hazards(&add_constraint(ConstraintKind::Unique, true)),
            [Hazard::ValidatesRows, Hazard::IndexBuild]
        );
        assert!(hazards(&add_constraint(ConstraintKind::Check, false)).is_empty());
        let set_not_null = |proven| Operation::SetNotNull {
            table: "t".into(),
            column: "c".into(),
            proven,
        };
        assert_eq!(hazards(&set_not_null(false)), [Hazard::ValidatesRows]);
        // a validated CHECK (c IS NOT NULL) spares the scan
        assert!(hazards(&set_not_null(true)).is_empty());
        let definer = Routine {
            owner: String::new(),
            identity: "f()".into(),
            signature: "f()".into(),
            name: "f".into(),
            kind: RoutineKind::Function,
            language: "sql".into(),
            security_definer: true,
            arguments: String::new(),
            result: Some("integer".into()),
            definition: None,
            privileges: vec![],
        };
        assert_eq!(
            hazards(&Operation::CreateRoutine {
                security_definer: true,
                routine: Box::new(definer),
            }),
            [Hazard::AuthzChange]
        );
        let identity = crate::model::Identity {
            generation: crate::model::Generation::Always,
            sequence: crate::model::SequenceOptions {
                name: "t_c_seq".into(),
                data_type: "bigint".into(),
                start: 1,
                increment: 1,
                min: 1,
                max: i64::MAX,
                cache: 1,
                cycle: false,
                persistence: crate::model::Persistence::Logged,
                privileges: vec![],
            },
        };
        assert_eq!(
            hazards(&Operation::AddIdentity {
                table: "t".into(),
                column: "c".into(),
                identity: Box::new(identity),
            }),
            [Hazard::SequenceBehindData]
        );
    }
}
