//! What another server or a snapshot says is checked here, before any of it can reach a
//! statement.
//!
//! This database's own catalogs are trusted; a document read through dblink or passed in as a
//! snapshot is not: a hostile server, or a doctored snapshot, could otherwise put any statement
//! into a plan that a user runs with `\gexec`. Names are always quoted when used, so they are
//! only checked for length; everything else that is pasted into DDL is checked against what it
//! may be (`text`): privileges against the fixed list, types and collations against the grammar
//! of a name, routine signatures parsed, storage and sequence types against their few values.
//! Definitions that must stay SQL text (defaults, generated expressions, CHECK and other
//! constraint definitions, index keys) are trusted in meaning, and checked in shape only, so that
//! one cannot turn into two statements. The first field that fails is refused with SQLSTATE
//! 22023, naming the object and the field.

pub mod text;

use crate::error::Error;
use crate::model::{
    Column, Database, DefaultPrivileges, Grant, Grantee, Publication, RoutineKind, Schema,
    SequenceOptions, Snapshot, Type, TypeDefinition,
};

/// Where a document came from, for the error message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Snapshot,
    RemoteServer,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Snapshot => "snapshot",
            Origin::RemoteServer => "remote server",
        }
    }
}

/// Reads a snapshot from its text. The format is checked before anything else, so that a
/// snapshot of another version gets the error that says so rather than a complaint about
/// some field; then every field that can reach a statement (`check`).
pub fn read_snapshot(document: &str) -> Result<Snapshot, Error> {
    /// Only the format; the rest is skipped unread.
    #[derive(serde::Deserialize)]
    struct Probe {
        format: Option<serde_json::Value>,
    }
    let probe: Probe =
        serde_json::from_str(document).map_err(|e| Error::SnapshotInvalid(e.to_string()))?;
    let format = probe
        .format
        .ok_or_else(|| Error::SnapshotInvalid("it has no \"format\" key".into()))?;
    if format.as_u64() != Some(u64::from(Snapshot::FORMAT)) {
        let mut found = format.to_string();
        found.truncate(40);
        return Err(Error::SnapshotFormat {
            found,
            expected: Snapshot::FORMAT,
        });
    }
    let mut snapshot: Snapshot =
        crate::timing::measure("decode", || serde_json::from_str(document))
            .map_err(|e| Error::SnapshotInvalid(e.to_string()))?;
    snapshot.database.share_casts();
    // a snapshot written before default privileges were compared names them among the objects
    // not compared; they are compared now, from `default_privileges`
    for schema in &mut snapshot.database.schemas {
        schema.ignored.retain(|o| o.kind != "default privileges");
    }
    // the scope only filters what is read (its names cross as parameters), but a NUL or a
    // system schema in it is refused as it would be from a caller
    for name in snapshot.scope.iter().flatten() {
        if name.contains('\0') {
            return Err(Error::SnapshotInvalid(
                "its scope holds a NUL character".into(),
            ));
        }
        crate::catalog::refuse_system_schema(name)?;
    }
    crate::timing::measure("checks", || check(&snapshot.database, Origin::Snapshot))?;
    snapshot
        .database
        .schemas
        .iter()
        .try_for_each(Schema::check_definitions)?;
    Ok(snapshot)
}

/// Checks every field of `database` that a statement can be made of.
pub fn check(database: &Database, origin: Origin) -> Result<(), Error> {
    let checker = Checker { origin };
    for extension in &database.extensions {
        let object = format!("extension {}", extension.name);
        checker.field(&object, "name", &extension.name, text::name)?;
        checker.field(&object, "schema", &extension.schema, text::name)?;
        // the version and comment are always quoted literals
        checker.field(&object, "version", &extension.version, no_nul)?;
        if let Some(comment) = &extension.comment {
            checker.field(&object, "comment", comment, no_nul)?;
        }
    }
    for trigger in &database.event_triggers {
        let object = format!("event trigger {}", trigger.name);
        checker.field(&object, "name", &trigger.name, text::name)?;
        checker.one_of(
            &object,
            "event",
            &trigger.event,
            &[
                "ddl_command_start",
                "ddl_command_end",
                "sql_drop",
                "table_rewrite",
                "login",
            ],
        )?;
        checker.field(
            &object,
            "function_schema",
            &trigger.function_schema,
            text::name,
        )?;
        checker.field(&object, "function", &trigger.function, text::signature)?;
        // tags are quoted literals
        trigger
            .tags
            .iter()
            .flatten()
            .try_for_each(|t| checker.field(&object, "tags", t, no_nul))?;
    }
    for publication in &database.publications {
        checker.publication(publication)?;
    }
    checker.default_privileges("database", &database.default_privileges)?;
    checker.foreign_servers(database)?;
    for schema in &database.schemas {
        checker.schema(schema)?;
    }
    Ok(())
}

struct Checker {
    origin: Origin,
}

impl Checker {
    fn error(&self, object: &str, field: &'static str, reason: &'static str, value: &str) -> Error {
        Error::UntrustedText {
            origin: self.origin.as_str(),
            object: object.to_owned(),
            field,
            reason,
            value: shown(value),
        }
    }

    fn field(
        &self,
        object: &str,
        field: &'static str,
        value: &str,
        check: fn(&str) -> text::Verdict,
    ) -> Result<(), Error> {
        check(value).map_err(|reason| self.error(object, field, reason, value))
    }

    fn one_of(
        &self,
        object: &str,
        field: &'static str,
        value: &str,
        allowed: &[&str],
    ) -> Result<(), Error> {
        if allowed.contains(&value) {
            Ok(())
        } else {
            Err(self.error(object, field, "not one of the values it can have", value))
        }
    }

    fn schema(&self, schema: &Schema) -> Result<(), Error> {
        let s = &schema.name;
        self.field(&format!("schema {s}"), "name", s, text::name)?;
        crate::catalog::refuse_system_schema(s)?;
        self.grants(&format!("schema {s}"), &schema.privileges)?;
        self.default_privileges(&format!("schema {s}"), &schema.default_privileges)?;
        for table in &schema.tables {
            let object = format!("table {s}.{}", table.name);
            self.field(&object, "name", &table.name, text::name)?;
            self.optional_name(
                &object,
                "replica_identity_index",
                table.replica_identity_index.as_deref(),
            )?;
            self.optional_name(&object, "clustered_on", table.clustered_on.as_deref())?;
            self.optional_name(&object, "access_method", table.access_method.as_deref())?;
            self.optional_name(&object, "tablespace", table.tablespace.as_deref())?;
            if let Some(of_type) = &table.of_type {
                self.field(&object, "of_type", of_type, text::type_name)?;
            }
            if let Some(key) = &table.partition_key {
                self.field(&object, "partition_key", key, text::sql_text)?;
            }
            if let Some(partition_of) = &table.partition_of {
                let schema = partition_of.schema.as_deref();
                self.optional_name(&object, "partition_of.schema", schema)?;
                self.field(
                    &object,
                    "partition_of.table",
                    &partition_of.table,
                    text::name,
                )?;
                let bound = &partition_of.bound;
                self.field(&object, "partition_of.bound", bound, text::sql_text)?;
            }
            for parent in &table.inherits {
                self.optional_name(&object, "inherits.schema", parent.schema.as_deref())?;
                self.field(&object, "inherits.table", &parent.table, text::name)?;
            }
            if let Some(foreign) = &table.foreign {
                // the server's name is quoted; options are written as a quoted name and a
                // quoted literal (`ddl::tables::generic_options`)
                self.field(&object, "foreign.server", &foreign.server, text::name)?;
                foreign
                    .options
                    .iter()
                    .try_for_each(|o| self.field(&object, "foreign.options", o, no_nul))?;
            }
            self.grants(&object, &table.privileges)?;
            for column in &table.columns {
                self.column(
                    &format!("column {s}.{}.{}", table.name, column.name),
                    column,
                )?;
            }
        }
        for constraint in &schema.constraints {
            let object = format!("constraint {s}.{}.{}", constraint.table, constraint.name);
            self.field(&object, "table", &constraint.table, text::name)?;
            self.field(&object, "name", &constraint.name, text::name)?;
            self.field(
                &object,
                "definition",
                &constraint.definition,
                text::sql_text,
            )?;
            self.optional_name(&object, "index_name", constraint.index_name.as_deref())?;
            if let Some(definition) = &constraint.index_definition {
                self.field(&object, "index_definition", definition, text::sql_text)?;
            }
            let tablespace = constraint.index_tablespace.as_deref();
            self.optional_name(&object, "index_tablespace", tablespace)?;
            if let Some(predicate) = &constraint.index_predicate {
                self.field(&object, "index_predicate", predicate, text::sql_text)?;
            }
            self.names(&object, "columns", &constraint.columns)?;
            if let Some(target) = &constraint.references {
                self.optional_name(&object, "references.schema", target.schema.as_deref())?;
                self.field(&object, "references.table", &target.table, text::name)?;
                self.optional_name(&object, "references.index", target.index.as_deref())?;
                self.names(&object, "references.columns", &target.columns)?;
            }
        }
        for index in &schema.indexes {
            let object = format!("index {s}.{}", index.name);
            self.field(&object, "name", &index.name, text::name)?;
            self.field(&object, "table", &index.table, text::name)?;
            self.field(&object, "method", &index.method, text::name)?;
            self.optional_name(&object, "attached_to", index.attached_to.as_deref())?;
            if let Some(definition) = &index.definition {
                self.field(&object, "definition", definition, text::sql_text)?;
            }
            self.optional_name(&object, "tablespace", index.tablespace.as_deref())?;
            if let Some(predicate) = &index.predicate {
                self.field(&object, "predicate", predicate, text::sql_text)?;
            }
            self.names(&object, "columns", &index.columns)?;
        }
        for policy in &schema.policies {
            let object = format!("policy {} on {s}.{}", policy.name, policy.table);
            self.field(&object, "table", &policy.table, text::name)?;
            self.field(&object, "name", &policy.name, text::name)?;
            for role in policy.roles.iter().filter_map(Grantee::role) {
                self.field(&object, "roles", role, text::name)?;
            }
            for expression in [&policy.using, &policy.with_check].into_iter().flatten() {
                self.field(&object, "using / with_check", expression, text::sql_text)?;
            }
        }
        for sequence in &schema.sequences {
            let object = format!("sequence {s}.{}", sequence.name);
            self.sequence(&object, &sequence.options)?;
            if let Some(owner) = &sequence.owned_by {
                self.field(&object, "owned_by.table", &owner.table, text::name)?;
                self.field(&object, "owned_by.column", &owner.column, text::name)?;
            }
        }
        for view in &schema.views {
            let object = format!("view {s}.{}", view.name);
            self.field(&object, "name", &view.name, text::name)?;
            self.field(&object, "definition", &view.definition, text::sql_text)?;
            self.optional_name(&object, "tablespace", view.tablespace.as_deref())?;
            // options are quoted like a table's
            view.options
                .iter()
                .try_for_each(|o| self.field(&object, "options", o, no_nul))?;
            for column in &view.columns {
                self.field(&object, "columns.name", &column.name, text::name)?;
                self.field(&object, "columns.type", &column.data_type, text::type_name)?;
                if let Some(default) = &column.default {
                    self.field(&object, "columns.default", default, text::sql_text)?;
                }
            }
            self.grants(&object, &view.privileges)?;
        }
        for routine in &schema.routines {
            let object = format!("routine {s}.{}", routine.signature);
            self.field(&object, "signature", &routine.signature, text::signature)?;
            self.field(&object, "identity", &routine.identity, text::signature)?;
            self.field(&object, "name", &routine.name, text::name)?;
            self.field(&object, "language", &routine.language, text::name)?;
            if let Some(definition) = &routine.definition {
                let check = if routine.kind == RoutineKind::Aggregate {
                    text::sql_text
                } else {
                    text::routine_definition
                };
                self.field(&object, "definition", definition, check)?;
            }
            self.grants(&object, &routine.privileges)?;
        }
        for trigger in &schema.triggers {
            let object = format!("trigger {} on {s}.{}", trigger.name, trigger.table);
            self.field(&object, "table", &trigger.table, text::name)?;
            self.field(&object, "name", &trigger.name, text::name)?;
            for text in [&trigger.events, &trigger.definition].into_iter().flatten() {
                self.field(&object, "events / definition", text, text::sql_text)?;
            }
        }
        for comment in &schema.comments {
            let object = format!("comment on {} {s}.{}", comment.kind, comment.name);
            // the kind is one of `CommentKind`'s words: any other is refused as it is read
            // a routine's comment is on its identity: the statement names the routine by the
            // model's signature, checked above
            let check = if comment.kind == crate::model::CommentKind::Routine {
                text::signature
            } else {
                text::name
            };
            self.field(&object, "name", &comment.name, check)?;
            self.optional_name(&object, "part", comment.part.as_deref())?;
            // always a quoted literal
            self.field(&object, "text", &comment.text, no_nul)?;
        }
        if let Some(comment) = &schema.comment {
            self.field(&format!("schema {s}"), "comment", comment, no_nul)?;
        }
        for rule in &schema.rules {
            let object = format!("rule {} on {s}.{}", rule.name, rule.table);
            self.field(&object, "table", &rule.table, text::name)?;
            self.field(&object, "name", &rule.name, text::name)?;
            self.one_of(
                &object,
                "event",
                &rule.event,
                &["SELECT", "UPDATE", "INSERT", "DELETE"],
            )?;
            if let Some(definition) = &rule.definition {
                self.field(&object, "definition", definition, text::sql_text)?;
            }
        }
        for statistics in &schema.statistics {
            let object = format!("statistics {s}.{}", statistics.name);
            self.field(&object, "name", &statistics.name, text::name)?;
            self.field(&object, "table", &statistics.table, text::name)?;
            if let Some(definition) = &statistics.definition {
                self.field(&object, "definition", definition, text::sql_text)?;
            }
        }
        for collation in &schema.collations {
            let object = format!("collation {s}.{}", collation.name);
            self.field(&object, "name", &collation.name, text::name)?;
            // the locale, LC_ and rules are always quoted literals
            for value in [
                &collation.lc_collate,
                &collation.lc_ctype,
                &collation.locale,
                &collation.rules,
            ]
            .into_iter()
            .flatten()
            {
                self.field(&object, "locale", value, no_nul)?;
            }
        }
        for ty in &schema.types {
            self.user_type(&format!("type {s}.{}", ty.name), ty)?;
        }
        // the graph's names are only compared with the model's, never put into a statement
        Ok(())
    }

    fn column(&self, object: &str, column: &Column) -> Result<(), Error> {
        self.field(object, "name", &column.name, text::name)?;
        self.field(object, "type", &column.data_type, text::type_name)?;
        if let Some(collation) = &column.collation {
            self.field(object, "collation", collation, text::collation)?;
        }
        if let Some(name) = &column.not_null_name {
            self.field(object, "not_null_name", name, text::name)?;
        }
        if let Some(default) = &column.default {
            self.field(object, "default", default, text::sql_text)?;
        }
        if let Some(generated) = &column.generated {
            self.field(object, "generated", generated, text::sql_text)?;
        }
        self.names(object, "generated_uses", &column.generated_uses)?;
        if let Some(identity) = &column.identity {
            self.sequence(object, &identity.sequence)?;
        }
        if let Some(method) = &column.compression {
            self.one_of(object, "compression", method, &["pglz", "lz4"])?;
        }
        column
            .fdw_options
            .iter()
            .try_for_each(|o| self.field(object, "fdw_options", o, no_nul))?;
        self.grants(object, &column.privileges)
    }

    fn user_type(&self, object: &str, ty: &Type) -> Result<(), Error> {
        self.field(object, "name", &ty.name, text::name)?;
        self.grants(object, &ty.privileges)?;
        match &ty.definition {
            // labels are always quoted literals
            TypeDefinition::Enum { values } => values
                .iter()
                .try_for_each(|v| self.field(object, "values", v, no_nul)),
            TypeDefinition::Domain(domain) => {
                self.field(object, "base_type", &domain.base_type, text::type_name)?;
                if let Some(collation) = &domain.collation {
                    self.field(object, "collation", collation, text::collation)?;
                }
                if let Some(default) = &domain.default {
                    self.field(object, "default", default, text::sql_text)?;
                }
                for constraint in &domain.constraints {
                    self.field(object, "constraints.name", &constraint.name, text::name)?;
                    self.field(
                        object,
                        "constraints.definition",
                        &constraint.definition,
                        text::sql_text,
                    )?;
                }
                Ok(())
            }
            TypeDefinition::Composite { attributes } => attributes.iter().try_for_each(|a| {
                self.field(object, "attributes.name", &a.name, text::name)?;
                self.field(object, "attributes.type", &a.data_type, text::type_name)?;
                a.collation.as_deref().map_or(Ok(()), |c| {
                    self.field(object, "attributes.collation", c, text::collation)
                })
            }),
            TypeDefinition::Range { range } => {
                self.field(object, "range.subtype", &range.subtype, text::type_name)?;
                // operator classes, collations and functions are one or two names, like a collation
                for value in [
                    &range.opclass,
                    &range.collation,
                    &range.canonical,
                    &range.subtype_diff,
                ]
                .into_iter()
                .flatten()
                {
                    self.field(object, "range", value, text::collation)?;
                }
                range.multirange.as_deref().map_or(Ok(()), |m| {
                    self.field(object, "range.multirange", m, text::name)
                })
            }
        }
    }

    fn sequence(&self, object: &str, sequence: &SequenceOptions) -> Result<(), Error> {
        self.field(object, "name", &sequence.name, text::name)?;
        self.one_of(
            object,
            "data_type",
            &sequence.data_type,
            text::SEQUENCE_TYPES,
        )?;
        self.grants(object, &sequence.privileges)
    }

    fn grants(&self, object: &str, grants: &[Grant]) -> Result<(), Error> {
        for grant in grants {
            if let Some(role) = grant.grantee.role() {
                self.field(object, "privileges.grantee", role, text::name)?;
            }
            self.one_of(
                object,
                "privileges.privilege",
                &grant.privilege,
                text::PRIVILEGES,
            )?;
        }
        Ok(())
    }

    /// The role and every grantee are names; the kind of object is an enum already.
    fn default_privileges(&self, place: &str, entries: &[DefaultPrivileges]) -> Result<(), Error> {
        for entry in entries {
            let object = format!("default privileges in {place}");
            self.field(&object, "default_privileges.role", &entry.role, text::name)?;
            self.grants(&object, &entry.privileges)?;
            self.grants(&object, &entry.defaults)?;
        }
        Ok(())
    }

    /// Every name is quoted where it is written; a row filter is deparsed SQL pasted into
    /// `WHERE (...)`, checked as a CHECK constraint's text is.
    fn publication(&self, publication: &Publication) -> Result<(), Error> {
        let object = format!("publication {}", publication.name);
        self.field(&object, "name", &publication.name, text::name)?;
        if !publication.owner.is_empty() {
            self.field(&object, "owner", &publication.owner, text::name)?;
        }
        self.names(&object, "schemas", &publication.schemas)?;
        for table in &publication.tables {
            self.field(&object, "tables.schema", &table.schema, text::name)?;
            self.field(&object, "tables.name", &table.name, text::name)?;
            if let Some(columns) = &table.columns {
                self.names(&object, "tables.columns", columns)?;
            }
            if let Some(filter) = &table.row_filter {
                self.field(&object, "tables.row_filter", filter, text::sql_text)?;
            }
        }
        if let Some(comment) = &publication.comment {
            self.field(&object, "comment", comment, no_nul)?;
        }
        Ok(())
    }

    /// Foreign-data wrappers, servers and user mappings: names quoted; option names written
    /// as quoted names and values as quoted literals (`ddl::servers`); secret options by name
    /// only; TYPE, VERSION and comments quoted literals; grants as any object's.
    fn foreign_servers(&self, database: &Database) -> Result<(), Error> {
        let options = |object: &str, options: &[String], secrets: &[String]| {
            options
                .iter()
                .try_for_each(|o| self.field(object, "options", o, no_nul))?;
            let mut names = options.iter().map(|o| crate::model::split_option(o).0);
            names.try_for_each(|n| self.field(object, "options", n, text::name))?;
            self.names(object, "secret_options", secrets)
        };
        let common = |object: &str, c: &crate::model::ForeignCommon| {
            options(object, &c.options, &c.secret_options)?;
            if !c.owner.is_empty() {
                self.field(object, "owner", &c.owner, text::name)?;
            }
            if let Some(comment) = &c.comment {
                self.field(object, "comment", comment, no_nul)?;
            }
            c.privileges
                .as_ref()
                .map_or(Ok(()), |p| self.grants(object, p))
        };
        for w in &database.foreign_data_wrappers {
            let object = format!("foreign-data wrapper {}", w.name);
            self.field(&object, "name", &w.name, text::name)?;
            for (field, f) in [("handler", &w.handler), ("validator", &w.validator)] {
                if let Some(f) = f {
                    self.field(&object, field, &f.schema, text::name)?;
                    self.field(&object, field, &f.name, text::name)?;
                    self.field(&object, field, &f.identity, text::signature)?;
                }
            }
            common(&object, &w.common)?;
        }
        for server in &database.servers {
            let object = format!("server {}", server.name);
            self.field(&object, "name", &server.name, text::name)?;
            self.field(&object, "wrapper", &server.wrapper, text::name)?;
            self.optional_name(
                &object,
                "wrapper_extension",
                server.wrapper_extension.as_deref(),
            )?;
            let literals = [("type", &server.server_type), ("version", &server.version)];
            for (field, value) in literals {
                if let Some(value) = value {
                    self.field(&object, field, value, no_nul)?;
                }
            }
            common(&object, &server.common)?;
        }
        for mapping in &database.user_mappings {
            let object = format!(
                "user mapping for {} on server {}",
                mapping.user.display(),
                mapping.server
            );
            self.field(&object, "server", &mapping.server, text::name)?;
            if let Some(role) = mapping.user.role() {
                self.field(&object, "user", role, text::name)?;
            }
            options(&object, &mapping.options, &mapping.secret_options)?;
        }
        Ok(())
    }

    fn names(&self, object: &str, field: &'static str, names: &[String]) -> Result<(), Error> {
        names
            .iter()
            .try_for_each(|n| self.field(object, field, n, text::name))
    }

    fn optional_name(
        &self,
        object: &str,
        field: &'static str,
        name: Option<&str>,
    ) -> Result<(), Error> {
        name.map_or(Ok(()), |n| self.field(object, field, n, text::name))
    }
}

fn no_nul(value: &str) -> text::Verdict {
    if value.contains('\0') {
        Err("a NUL character")
    } else {
        Ok(())
    }
}

/// The value as the error message shows it: cut short, and with control characters escaped.
pub fn shown(value: &str) -> String {
    const LONGEST: usize = 80;
    let mut shown: String = value
        .chars()
        .take(LONGEST)
        .flat_map(char::escape_debug)
        .collect();
    if value.chars().count() > LONGEST {
        shown.push_str("...");
    }
    shown
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod default_privileges_tests;

#[cfg(test)]
mod publication_tests;
