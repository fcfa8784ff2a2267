//! DDL text: the only place a plan's SQL is written. `render` turns each step of an ordered plan
//! into its statement from the step's operation (`crate::change::Operation`, which the diff
//! decided and which holds no SQL); one module per object kind writes the text.
//!
//! Plain Rust, no backend: identifiers are always quoted here, so no keyword list can go stale.

pub mod collations;
pub mod columns;
pub mod comments;
pub mod constraints;
pub mod extensions;
pub mod indexes;
pub mod owners;
pub mod policies;
pub mod privileges;
pub mod publications;
pub mod renames;
pub mod routines;
pub mod rules;
pub mod schemas;
pub mod sequences;
pub mod servers;
pub mod statistics;
pub mod tables;
pub mod triggers;
pub mod types;
pub mod views;

pub use crate::change::Cx;
pub use crate::ident::{quote_ident, quote_literal};
pub use crate::model::split_option;

use crate::change::{Parameters, Stored};
use crate::error::Error;
use crate::plan::{Operation, Step};

/// Writes the statement of every step of an ordered plan from its operation: the one place a
/// plan's SQL is written.
pub fn render(steps: &mut [Step]) -> Result<(), Error> {
    for step in steps.iter_mut() {
        let cx = Cx::new(step.key.schema().unwrap_or_default());
        step.statement = statement(&cx, &step.operation)?;
    }
    Ok(())
}

/// The text of one operation on an object of `cx`'s schema.
pub fn statement(cx: &Cx, operation: &Operation) -> Result<String, Error> {
    use Operation as O;
    Ok(match operation {
        O::Set(setting) => schemas::set(setting),
        O::Hook { statement } => format!("{statement};"),
        O::CreateSchema { name } => schemas::create(name),
        O::DropSchema { name } => schemas::drop(name),
        O::CreateExtension { extension, version } => {
            extensions::create(extension, version.as_deref())
        }
        O::UpdateExtension { name, version } => extensions::update(name, version),
        O::MoveExtension { name, schema } => extensions::set_schema(name, schema),
        O::DropExtension { name } => extensions::drop(name),

        O::CreateTable(table) => tables::create(cx, table),
        O::DropTable { name, foreign } => tables::drop(cx, name, *foreign),
        O::ForeignOptions {
            table,
            column,
            changes,
        } => tables::foreign_options(cx, table, column.as_deref(), changes),
        O::TableStorageParameters {
            table,
            prefix,
            parameters,
        } => tables::storage_parameters(cx, table, parameters, prefix),
        O::SetTablePersistence { table, persistence } => {
            tables::set_persistence(cx, table, *persistence)
        }
        O::SetAccessMethod { table, method } => tables::set_access_method(cx, table, method),
        O::SetTablespace {
            relation,
            stored,
            tablespace,
            ..
        } => {
            let kind = match stored {
                Stored::Table => "TABLE",
                Stored::Index => "INDEX",
                Stored::MaterializedView => "MATERIALIZED VIEW",
            };
            tables::set_tablespace(cx, kind, relation, tablespace.as_deref())
        }
        O::AttachPartition {
            table,
            parent,
            bound,
        } => tables::attach_partition(cx, table, parent, bound),
        O::DetachPartition { table, parent } => tables::detach_partition(cx, table, parent),
        O::Inherit {
            table,
            parent,
            inherit,
        } => tables::inherit(cx, table, parent, *inherit),
        O::RowSecurity { table, setting } => policies::row_security(cx, table, *setting),
        O::ReplicaIdentity {
            table,
            identity,
            index,
        } => tables::replica_identity(cx, table, *identity, index.as_deref()),
        O::ClusterOn { table, index } => tables::cluster_on(cx, table, index.as_deref()),
        O::OfType { table, of_type } => tables::of_type(cx, table, of_type.as_deref()),

        O::AddColumn { table, column, .. } => columns::add(cx, table, column),
        O::DropColumn {
            table,
            column,
            only,
        } => columns::drop(cx, table, column, *only),
        O::AlterColumnType {
            table,
            column,
            conversion,
            ..
        } => columns::set_type(cx, table, column, conversion),
        O::SetDefault {
            table,
            column,
            expression,
            ..
        } => columns::set_default(cx, table, column, expression),
        O::DropDefault { table, column } => columns::drop_default(cx, table, column),
        O::SetNotNull { table, column, .. } => columns::set_not_null(cx, table, column, true),
        O::RenameNotNull {
            table,
            name,
            new_name,
        } => constraints::rename(cx, table, name, new_name),
        O::AddNotNullCheck {
            table,
            column,
            name,
        } => constraints::add_not_null_check(cx, table, column, name),
        O::DropNotNull { table, column } => columns::set_not_null(cx, table, column, false),
        O::AddIdentity {
            table,
            column,
            identity,
        } => columns::add_identity(cx, table, column, identity),
        O::AlterIdentity {
            table,
            column,
            from,
            to,
        } => columns::alter_identity(cx, table, column, from, to),
        O::DropIdentity { table, column } => columns::drop_identity(cx, table, column),
        O::DropExpression { table, column } => columns::drop_expression(cx, table, column),
        O::SetColumnStatistics {
            table,
            column,
            target,
        } => columns::set_statistics(cx, table, column, *target),
        O::SetColumnStorage {
            table,
            column,
            storage,
        } => columns::set_storage(cx, table, column, *storage),
        O::SetColumnCompression {
            table,
            column,
            method,
        } => columns::set_compression(cx, table, column, method.as_deref()),

        O::AddConstraint {
            kind,
            using_index: Some(index),
            constraint,
            ..
        } => constraints::add_using_index(cx, *kind, constraint, index),
        O::AddConstraint {
            validated,
            constraint,
            using_index: None,
            index_parameters,
            ..
        } => constraints::add(
            cx,
            constraint,
            constraint.validated && !validated,
            *index_parameters,
        )?,
        O::ValidateConstraint { table, name, .. } => constraints::validate(cx, table, name),
        O::DropConstraint { table, name, .. } => constraints::drop(cx, table, name),
        O::IndexStorageParameters { index, parameters } => {
            constraints::index_parameters(cx, index, parameters)
        }

        O::CreateIndex {
            index,
            concurrently,
            only,
        } => indexes::create(cx, index, *concurrently, *only)?,
        O::AttachIndex {
            index,
            partition_index,
        } => indexes::attach(cx, index, partition_index),
        O::DropIndex { name, concurrently } => indexes::drop(cx, name, *concurrently),
        O::RenameIndex { name, new_name } => indexes::rename(cx, name, new_name),
        O::Rename(renamed) => renames::rename(cx, renamed),

        O::CreateSequence(sequence) => sequences::create(cx, sequence),
        O::AlterSequence { from, to } => sequences::alter(cx, from, to),
        O::SetSequencePersistence { name, persistence } => {
            sequences::set_persistence(cx, name, *persistence)
        }
        O::SequenceOwnedBy { name, owner } => sequences::owned_by(cx, name, owner.as_ref()),
        O::RenameSequence { name, new_name } => sequences::rename(cx, name, new_name),
        O::DropSequence { name } => sequences::drop(cx, name),

        O::CreateView(view) => views::create(cx, view, false),
        O::ReplaceView { view, .. } => views::create(cx, view, true),
        O::DropView { name, materialized } => views::drop(cx, name, *materialized),
        O::SetViewColumnDefault {
            view,
            column,
            default,
        } => views::column_default(cx, view, column, default.as_deref()),
        O::RefreshMaterializedView { name } => views::refresh(cx, name),

        O::CreateRoutine { routine, .. } => routines::create(cx, routine, false)?,
        O::ReplaceRoutine { routine, .. } => routines::create(cx, routine, true)?,
        O::DropRoutine(routine) => routines::drop(cx, routine),

        O::CreateType {
            ty,
            beside_set_aside,
        } => types::create(cx, ty, *beside_set_aside),
        O::DropType { name, domain } => types::drop(cx, name, *domain),
        O::SetTypeAside { ty, aside, what } => types::set_aside(cx, ty, aside, what),
        O::AddEnumValue {
            type_name,
            value,
            position,
        } => types::add_value(cx, type_name, value, position.as_ref()),
        O::AlterDomain { domain, change } => types::alter_domain(cx, domain, change),
        O::SetDomainNotNull { domain } => types::set_domain_not_null(cx, domain),
        O::AddDomainConstraint {
            domain, constraint, ..
        } => types::add_constraint(cx, domain, constraint),
        O::ValidateDomainConstraint { domain, constraint } => {
            types::validate_constraint(cx, domain, constraint)
        }
        O::DropDomainConstraint { domain, constraint } => {
            types::drop_constraint(cx, domain, constraint)
        }
        O::AddAttribute {
            type_name,
            attribute,
        } => types::add_attribute(cx, type_name, attribute),
        O::DropAttribute {
            type_name,
            attribute,
        } => types::drop_attribute(cx, type_name, attribute),
        O::AlterAttribute {
            type_name,
            attribute,
        } => types::alter_attribute(cx, type_name, attribute),

        O::CreateCollation(collation) => collations::create(cx, collation),
        O::RenameCollation { name, new_name } => collations::rename(cx, name, new_name),
        O::DropCollation { name } => collations::drop(cx, name),

        O::CreatePolicy(policy) => policies::create(cx, policy),
        O::AlterPolicy(policy) => policies::alter(cx, policy),
        O::DropPolicy { table, name } => policies::drop(cx, table, name),

        O::CreateTrigger(trigger) => triggers::create(cx, trigger, false),
        O::ReplaceTrigger(trigger) => triggers::create(cx, trigger, true),
        O::DropTrigger { table, name } => triggers::drop(cx, table, name),
        O::EnableTrigger(trigger) => triggers::set_enabled(cx, trigger),
        O::CreateEventTrigger(trigger) => triggers::create_event_trigger(trigger),
        O::DropEventTrigger { name } => triggers::drop_event_trigger(name),
        O::EnableEventTrigger(trigger) => triggers::set_event_trigger_enabled(trigger),
        O::CreatePublication(publication) => publications::create(publication),
        O::DropPublication { name } => publications::drop(name),
        O::SetPublicationOptions(publication) => publications::set_options(publication),
        O::PublicationAddTable { publication, table } => {
            publications::add_table(publication, table)
        }
        O::PublicationDropTable {
            publication,
            schema,
            name,
        } => publications::drop_table(publication, schema, name),
        O::PublicationAddSchema {
            publication,
            schema,
        } => publications::add_schema(publication, schema),
        O::PublicationDropSchema {
            publication,
            schema,
        } => publications::drop_schema(publication, schema),

        O::CreateForeignDataWrapper(wrapper) => servers::create_wrapper(wrapper),
        O::AlterForeignDataWrapper {
            name,
            handler,
            validator,
            options,
            missing_secrets,
        } => servers::alter_wrapper(
            name,
            handler.as_ref(),
            validator.as_ref(),
            options,
            missing_secrets,
        ),
        O::DropForeignDataWrapper { name } => servers::drop_wrapper(name),
        O::CreateServer(server) => servers::create_server(server),
        O::AlterServer {
            name,
            version,
            options,
            missing_secrets,
        } => servers::alter_server(name, version.as_ref(), options, missing_secrets),
        O::DropServer { name } => servers::drop_server(name),
        O::CreateUserMapping(mapping) => servers::create_user_mapping(mapping),
        O::AlterUserMapping {
            server,
            user,
            options,
            missing_secrets,
        } => servers::alter_user_mapping(server, user, options, missing_secrets),
        O::DropUserMapping { server, user } => servers::drop_user_mapping(server, user),

        O::CreateRule(rule) => rules::create(cx, rule, false),
        O::ReplaceRule(rule) => rules::create(cx, rule, true),
        O::DropRule { table, name } => rules::drop(cx, table, name),
        O::EnableRule(rule) => rules::set_enabled(cx, rule),

        O::CreateStatistics(statistics) => statistics::create(cx, statistics),
        O::AlterStatistics(statistics) => statistics::set_target(cx, statistics),
        O::DropStatistics { name } => statistics::drop(cx, name),

        O::Comment { on, text, .. } => comments::set(cx, on, text.as_deref()),
        O::Grant {
            on,
            grantee,
            privileges,
            with_grant_option,
        } => privileges::grant(cx, on, grantee, privileges, *with_grant_option),
        O::Revoke {
            on,
            grantee,
            revoked,
        } => privileges::revoke(cx, on, grantee, revoked),
        O::SetOwner { object, name, role } => owners::set(cx, *object, name, role),
    })
}

/// `ALTER TABLE "s"."t" <action>`
pub fn alter_table(cx: &Cx, table: &str, action: &str) -> String {
    format!("ALTER TABLE {} {action};", cx.qualify(table))
}

/// `ALTER TABLE "s"."t" ALTER COLUMN "c" <action>`
pub fn alter_column(cx: &Cx, table: &str, column: &str, action: &str) -> String {
    alter_table(
        cx,
        table,
        &format!("ALTER COLUMN {} {action}", quote_ident(column)),
    )
}

/// `SET (name='value', ...)` for parameters new or changed, `RESET (name, ...)` for those gone,
/// each name after `prefix` (`toast.`).
pub fn parameter_change(parameters: &Parameters, prefix: &str) -> String {
    match parameters {
        Parameters::Set(options) => {
            format!("SET ({})", storage_parameters(options, prefix).join(", "))
        }
        Parameters::Reset(options) => {
            let names: Vec<String> = options
                .iter()
                .map(|o| format!("{prefix}{}", option_name(split_option(o).0)))
                .collect();
            format!("RESET ({})", names.join(", "))
        }
    }
}

/// Storage parameters: `fillfactor=70` → `fillfactor='70'`, with `prefix` for `toast.`.
pub fn storage_parameters(options: &[String], prefix: &str) -> Vec<String> {
    options
        .iter()
        .map(|option| {
            let (name, value) = split_option(option);
            format!("{prefix}{}={}", option_name(name), quote_literal(value))
        })
        .collect()
}

/// ` OPTIONS (name 'value', ...)`, or nothing: generic options of a foreign table or column.
pub fn generic_options(options: &[String]) -> String {
    if options.is_empty() {
        return String::new();
    }
    let list: Vec<String> = options
        .iter()
        .map(|o| {
            let (name, value) = split_option(o);
            format!("{} {}", option_name(name), quote_literal(value))
        })
        .collect();
    format!(" OPTIONS ({})", list.join(", "))
}

/// `OPTIONS (ADD n 'v', SET n 'v', DROP n)`: changes to generic options, in the order given.
pub fn option_changes(changes: &[crate::change::GenericOption]) -> String {
    use crate::change::GenericOption;
    let list: Vec<String> = changes
        .iter()
        .map(|change| match change {
            GenericOption::Add(o) | GenericOption::Set(o) => {
                let verb = if matches!(change, GenericOption::Add(_)) {
                    "ADD"
                } else {
                    "SET"
                };
                let (name, value) = split_option(o);
                format!("{verb} {} {}", option_name(name), quote_literal(value))
            }
            GenericOption::Drop(name) => format!("DROP {}", option_name(name)),
        })
        .collect();
    format!("OPTIONS ({})", list.join(", "))
}

/// Option names are plain words; quote anything else rather than trust it.
pub fn option_name(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        name.to_owned()
    } else {
        quote_ident(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_quotes_only_where_needed() {
        let cx = Cx::new("public");
        assert_eq!(cx.identity(&["accounts", "email"]), "public.accounts.email");
        assert_eq!(
            cx.identity(&["My Table", "select"]),
            r#"public."My Table"."select""#
        );
        assert_eq!(Cx::new("Sales").identity(&["t1"]), r#""Sales".t1"#);
        assert_eq!(cx.identity(&["naïve"]), r#"public."naïve""#);
    }

    #[test]
    fn qualified_names_quote_both_parts() {
        assert_eq!(Cx::new("my schema").qualify("t"), r#""my schema"."t""#);
    }

    #[test]
    fn storage_parameters_quote_values() {
        let options = vec![
            "fillfactor=70".to_owned(),
            "autovacuum_enabled=false".to_owned(),
        ];
        assert_eq!(
            storage_parameters(&options, "toast."),
            vec!["toast.fillfactor='70'", "toast.autovacuum_enabled='false'"]
        );
    }
}
