//! The schema model: what `sql/catalog.sql` returns, as Rust types.
//!
//! Nothing here holds the schema's own name inside an object's identity: keys are relative to the
//! schema, so comparing schema `a` with schema `b` is a comparison of keys.

mod codes;
mod collations;
mod comments;
mod constraints;
mod default_privileges;
mod dependencies;
mod indexes;
mod policies;
mod publications;
mod routines;
mod rules;
mod sequences;
mod servers;
mod statistics;
mod tables;
mod triggers;
mod types;
mod views;

pub use codes::{CollationProvider, Firing, PolicyCommand, ReplicaIdentity, Storage};
pub use collations::Collation;
pub use comments::{Comment, CommentKind};
pub use constraints::{Constraint, ConstraintType};
pub use default_privileges::{DefaultObjects, DefaultPrivileges};
pub use dependencies::{Dependency, DependencyKind, ObjectRef};
pub use indexes::Index;
pub use policies::Policy;
pub use publications::{GeneratedColumns, Publication, PublicationTable};
pub use routines::{Routine, RoutineKind};
pub use rules::Rule;
pub use sequences::{OwnedBy, Persistence, Sequence, SequenceOptions};
pub use servers::{ForeignCommon, ForeignDataWrapper, Server, UserMapping, WrapperFunction};
pub use statistics::Statistics;
#[cfg(any(test, feature = "pg_test"))]
pub use tables::Generation;
pub use tables::{Column, ForeignTable, Identity, Parent, Table};
pub use triggers::Trigger;
pub use types::{Attribute, DomainConstraint, Range, Type, TypeDefinition};
pub use views::{View, ViewColumn};

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// `name=value` as PostgreSQL stores a reloption.
pub fn split_option(option: &str) -> (&str, &str) {
    option.split_once('=').unwrap_or((option, ""))
}

/// For a flag added to the model after snapshots were first written: left out while false, so
/// that a snapshot of a schema that does not use it stays the text an older migra wrote.
fn is_false(flag: &bool) -> bool {
    !*flag
}

fn is_true() -> bool {
    true
}

fn is_true_ref(flag: &bool) -> bool {
    *flag
}

/// What one run of `sql/catalog.sql` reads: some schemas of one database, and its extensions
/// (`Database::from_rows`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Database {
    /// `server_version_num` of the server read: deparsed text can differ between versions.
    pub server_version_num: i32,
    /// By name.
    pub schemas: Vec<Schema>,
    /// `pg_extension`, by name, less the migra extension itself.
    pub extensions: Vec<Extension>,
    /// `pg_event_trigger`, by name, less extensions' own.
    #[serde(default)]
    pub event_triggers: Vec<EventTrigger>,
    /// `pg_publication`, by name, less extensions' own: read only for a whole database.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publications: Vec<Publication>,
    /// Global default privileges (`pg_default_acl` rows of no schema), by role and kind of
    /// object: read only for a whole database (compared between whole databases).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub default_privileges: Vec<DefaultPrivileges>,
    /// `pg_foreign_data_wrapper`, by name, less extensions' own: read only for a whole database.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_data_wrappers: Vec<ForeignDataWrapper>,
    /// `pg_foreign_server`, by name, less extensions' own: read only for a whole database.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    /// `pg_user_mappings`, by server and role (PUBLIC first): read only for a whole database.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_mappings: Vec<UserMapping>,
    /// Casts that need no conversion (`pg_cast.castmethod = 'b'`), as (source, target) type
    /// names; each schema holds a copy for the diff (`Schema::binary_coercible`). A property of
    /// the server, not of the schema: not written into snapshots, which stay the same text for
    /// the same schema; a diff of snapshots takes this server's (`catalog::binary_coercible`).
    #[serde(default, skip_serializing)]
    pub binary_coercible: Vec<(String, String)>,
}

/// The first row `sql/catalog.sql` returns: what belongs to the database, not to a schema.
#[derive(Deserialize)]
struct DatabaseRow {
    server_version_num: i32,
    #[serde(default)]
    binary_coercible: Vec<(String, String)>,
    extensions: Vec<Extension>,
    #[serde(default)]
    event_triggers: Vec<EventTrigger>,
    #[serde(default)]
    publications: Vec<Publication>,
    #[serde(default)]
    default_privileges: Vec<DefaultPrivileges>,
    #[serde(default)]
    foreign_data_wrappers: Vec<ForeignDataWrapper>,
    #[serde(default)]
    servers: Vec<Server>,
    #[serde(default)]
    user_mappings: Vec<UserMapping>,
}

impl Database {
    /// A database from the rows of `sql/catalog.sql`: its own row, then one row per schema.
    pub fn from_rows<S: AsRef<str>>(rows: &[S]) -> Result<Self, serde_json::Error> {
        let (first, schemas) = rows
            .split_first()
            .ok_or_else(|| <serde_json::Error as serde::de::Error>::custom("no rows"))?;
        let row: DatabaseRow = serde_json::from_str(first.as_ref())?;
        let schemas = schemas
            .iter()
            .map(|s| serde_json::from_str(s.as_ref()))
            .collect::<Result<Vec<Schema>, _>>()?;
        let mut database = Database {
            server_version_num: row.server_version_num,
            schemas,
            extensions: row.extensions,
            event_triggers: row.event_triggers,
            publications: row.publications,
            default_privileges: row.default_privileges,
            foreign_data_wrappers: row.foreign_data_wrappers,
            servers: row.servers,
            user_mappings: row.user_mappings,
            binary_coercible: row.binary_coercible,
        };
        database.share_casts();
        Ok(database)
    }

    /// Gives every schema the database's binary-coercible casts.
    pub fn share_casts(&mut self) {
        for schema in &mut self.schemas {
            schema.binary_coercible.clone_from(&self.binary_coercible);
        }
    }

    /// Leaves out the extensions named: on both sides of a diff, they are not compared, nor
    /// the servers on their foreign-data wrappers, with their user mappings (dblink, left out by
    /// default, takes with it the `dblink_fdw` server a remote diff connects through).
    pub fn leave_out_extensions(&mut self, names: &[String]) {
        self.extensions.retain(|e| !names.contains(&e.name));
        let gone: Vec<String> = self
            .servers
            .iter()
            .filter(|s| {
                s.wrapper_extension
                    .as_ref()
                    .is_some_and(|e| names.contains(e))
            })
            .map(|s| s.name.clone())
            .collect();
        self.leave_out_servers(&gone);
    }

    /// Leaves out the servers named, with their user mappings: the server a remote diff
    /// connects through is the means of the call, not part of what it compares.
    pub fn leave_out_servers(&mut self, names: &[String]) {
        self.servers.retain(|s| !names.contains(&s.name));
        self.user_mappings.retain(|m| !names.contains(&m.server));
    }

    /// Keeps the named schemas (all when `None`) less the excluded, as the catalog query does.
    pub fn keep_schemas(&mut self, schemas: Option<&[String]>, excluded: Option<&[String]>) {
        self.schemas.retain(|s| {
            schemas.is_none_or(|names| names.contains(&s.name))
                && !excluded.is_some_and(|names| names.contains(&s.name))
        });
    }
}

/// A [`Database`] as `migra_snapshot` gives it: the model, with the format it is written in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Snapshot {
    /// [`Snapshot::FORMAT`] when written; a reader refuses any other.
    pub format: u32,
    /// The schemas it was taken of (`migra_snapshot(schemas => ...)`); absent when it holds every
    /// user schema. A drift check reads the live side with the same list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Vec<String>>,
    #[serde(flatten)]
    pub database: Database,
}

impl Snapshot {
    /// Raised whenever the model changes in a way an older reader would misread.
    pub const FORMAT: u32 = 3;

    /// The snapshot of `database`, read for the schemas of `scope` (all user schemas when
    /// `None`). The scope is kept sorted, so that the same list in another order gives the same
    /// snapshot; a schema it names that was not there is refused, so that a misspelt name cannot
    /// make a baseline that matches anything.
    pub fn of(database: Database, scope: Option<Vec<String>>) -> Result<Self, Error> {
        let scope = scope.map(|mut names| {
            names.sort();
            names.dedup();
            names
        });
        if let Some(missing) = scope
            .iter()
            .flatten()
            .find(|name| !database.schemas.iter().any(|s| &s.name == *name))
        {
            return Err(Error::SchemaNotFound(missing.clone()));
        }
        Ok(Snapshot {
            format: Self::FORMAT,
            scope,
            database,
        })
    }

    pub fn to_json(&self) -> Result<serde_json::Value, Error> {
        Ok(serde_json::to_value(self)?)
    }
}

/// `CREATE EXTENSION name WITH SCHEMA schema VERSION version`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Extension {
    /// `extname`
    pub name: String,
    /// `nspname` of `extnamespace`
    pub schema: String,
    /// `extversion`
    pub version: String,
    /// COMMENT ON EXTENSION (its script usually sets one).
    #[serde(default)]
    pub comment: Option<String>,
}

/// `CREATE EVENT TRIGGER name ON event [WHEN TAG IN (...)] EXECUTE FUNCTION function()`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct EventTrigger {
    pub name: String,
    /// `ddl_command_start`, `ddl_command_end`, `sql_drop`, `table_rewrite`, `login` (17).
    pub event: String,
    /// `evttags`: the command tags it fires for, or all.
    pub tags: Option<Vec<String>>,
    pub function_schema: String,
    /// The function's identity, `"name"()`.
    pub function: String,
    /// `evtenabled`: `O` enabled, `D` disabled, `R` ENABLE REPLICA, `A` ENABLE ALWAYS.
    pub enabled: Firing,
}

/// One schema of a [`Database`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Schema {
    /// `pg_namespace.nspname`
    pub name: String,
    /// `Database::binary_coercible` of the database read, given to each of its schemas
    /// (`Database::share_casts`): whether a column's type change rewrites its table. Written
    /// once, with the database, not with every schema.
    #[serde(default, skip_serializing)]
    pub binary_coercible: Vec<(String, String)>,
    /// Grants on the schema (`nspacl`).
    #[serde(default)]
    pub privileges: Vec<Grant>,
    /// Default privileges in the schema (`pg_default_acl.defaclnamespace`), by role and kind of
    /// object: compared `with_privileges`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub default_privileges: Vec<DefaultPrivileges>,
    /// The role that owns it (`nspowner`, by `pg_get_userbyid`): compared only `with_owners`.
    /// Empty in a snapshot written before owners were read: unknown, never compared.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// Plain tables (`relkind = 'r'`, outside inheritance and partitioning), by name.
    pub tables: Vec<Table>,
    /// PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY and EXCLUDE constraints of those tables.
    pub constraints: Vec<Constraint>,
    /// Indexes of those tables, less the ones that back a constraint.
    pub indexes: Vec<Index>,
    /// Row level security policies of those tables.
    #[serde(default)]
    pub policies: Vec<Policy>,
    /// Sequences, less identity sequences (those belong to their column).
    pub sequences: Vec<Sequence>,
    /// Views and materialized views, by name.
    #[serde(default)]
    pub views: Vec<View>,
    /// Functions, procedures, aggregates and window functions, by identity.
    #[serde(default)]
    pub routines: Vec<Routine>,
    /// Enums, domains, composite types and ranges, by name.
    #[serde(default)]
    pub types: Vec<Type>,
    /// Triggers of tables and views, less internal ones.
    #[serde(default)]
    pub triggers: Vec<Trigger>,
    /// Collations, by name.
    #[serde(default)]
    pub collations: Vec<Collation>,
    /// Rules of tables and views, less views' own.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Extended statistics objects of the tables read, by name.
    #[serde(default)]
    pub statistics: Vec<Statistics>,
    /// Comments on the objects above.
    #[serde(default)]
    pub comments: Vec<Comment>,
    /// The schema's own comment: compared between whole databases only.
    #[serde(default)]
    pub comment: Option<String>,
    /// What views, routines, and the defaults, constraints and indexes of the tables read depend
    /// on: the edges of the dependency graph that start in this schema.
    #[serde(default)]
    pub dependencies: Vec<Dependency>,
    /// Objects in the schema that this version does not compare yet.
    #[serde(default)]
    pub ignored: Vec<Ignored>,
}

/// One privilege granted to a role (or PUBLIC) by `aclexplode` of an object's ACL; the owner's
/// own privileges are left out, since they follow from owning the object.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub struct Grant {
    /// A role, or PUBLIC (ACL grantee 0).
    pub grantee: Grantee,
    /// `SELECT`, `INSERT`, `USAGE`, ...
    pub privilege: String,
    /// WITH GRANT OPTION
    pub grantable: bool,
}

/// Who a privilege is granted to, or a policy applies to: everyone (`PUBLIC`, ACL grantee 0),
/// or a role, which may be literally named `PUBLIC` (quoted, `"PUBLIC"`). In JSON, as snapshots
/// have always written it: PUBLIC as `"PUBLIC"`, a role as its name, and a role named `PUBLIC`,
/// the one name that would read as the other, as `{"role": "PUBLIC"}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grantee {
    Public,
    Role(String),
}

impl Grantee {
    /// How GRANT, REVOKE and CREATE POLICY name it: `PUBLIC`, or the quoted role.
    pub fn sql(&self) -> String {
        match self {
            Grantee::Public => "PUBLIC".to_owned(),
            Grantee::Role(role) => crate::ident::quote_ident(role),
        }
    }

    /// How a row's identity or a message names it: `PUBLIC`, `app_reader`, `"PUBLIC"`.
    pub fn display(&self) -> String {
        match self {
            Grantee::Public => "PUBLIC".to_owned(),
            Grantee::Role(role) if role == "PUBLIC" => "\"PUBLIC\"".to_owned(),
            Grantee::Role(role) => crate::ident::display_ident(role),
        }
    }

    /// The role's name; `None` for PUBLIC.
    pub fn role(&self) -> Option<&str> {
        match self {
            Grantee::Public => None,
            Grantee::Role(role) => Some(role),
        }
    }
}

impl From<&str> for Grantee {
    /// `PUBLIC` is PUBLIC: for tests and literals, never for a name read from a catalog.
    fn from(name: &str) -> Self {
        if name == "PUBLIC" {
            Grantee::Public
        } else {
            Grantee::Role(name.to_owned())
        }
    }
}

impl Serialize for Grantee {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Grantee::Public => serializer.serialize_str("PUBLIC"),
            Grantee::Role(role) if role == "PUBLIC" => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("role", role)?;
                map.end()
            }
            Grantee::Role(role) => serializer.serialize_str(role),
        }
    }
}

impl<'de> Deserialize<'de> for Grantee {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Name(String),
            Role { role: String },
        }
        Ok(match Written::deserialize(deserializer)? {
            Written::Name(name) => Grantee::from(name.as_str()),
            Written::Role { role } => Grantee::Role(role),
        })
    }
}

/// An object the model leaves out, so that the caller can say so instead of keeping quiet.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Ignored {
    /// `partitioned table`, `partition`, `inherited table`, `foreign table`, `operator`, ...
    pub kind: String,
    pub name: String,
    /// What the object is, as text to compare between the sides (`sql/catalog.sql`, "ignored"):
    /// a table's columns, constraints, indexes, partition key and bound, parents; an operator's
    /// function. `None` where only the name is compared (and in snapshots of migra 0.2).
    #[serde(default)]
    pub definition: Option<String>,
}

impl Schema {
    /// A schema with nothing in it: what a schema that does not exist on one side is compared as.
    pub fn empty(name: &str) -> Self {
        Schema {
            name: name.to_owned(),
            binary_coercible: Vec::new(),
            privileges: Vec::new(),
            default_privileges: Vec::new(),
            owner: String::new(),
            tables: Vec::new(),
            constraints: Vec::new(),
            indexes: Vec::new(),
            policies: Vec::new(),
            sequences: Vec::new(),
            views: Vec::new(),
            routines: Vec::new(),
            types: Vec::new(),
            triggers: Vec::new(),
            collations: Vec::new(),
            comments: Vec::new(),
            statistics: Vec::new(),
            rules: Vec::new(),
            comment: None,
            dependencies: Vec::new(),
            ignored: Vec::new(),
        }
    }

    /// Refuses an object whose definition the server printed in a shape we could not read: it
    /// must never compare as equal to another such object.
    pub fn check_definitions(&self) -> Result<(), Error> {
        let qualified = |name: &str| crate::ident::display_ident(&self.name) + "." + name;
        if let Some(index) = self.indexes.iter().find(|i| i.definition.is_none()) {
            return Err(Error::UnreadableDefinition(format!(
                "index {}",
                qualified(&crate::ident::display_ident(&index.name))
            )));
        }
        if let Some(trigger) = self
            .triggers
            .iter()
            .find(|t| t.events.is_none() || t.definition.is_none())
        {
            let name = format!(
                "{} on {}",
                crate::ident::display_ident(&trigger.name),
                qualified(&crate::ident::display_ident(&trigger.table))
            );
            return Err(Error::UnreadableDefinition(format!("trigger {name}")));
        }
        if let Some(rule) = self.rules.iter().find(|r| r.definition.is_none()) {
            let name = format!(
                "{} on {}",
                crate::ident::display_ident(&rule.name),
                qualified(&crate::ident::display_ident(&rule.table))
            );
            return Err(Error::UnreadableDefinition(format!("rule {name}")));
        }
        if let Some(statistics) = self.statistics.iter().find(|s| s.definition.is_none()) {
            return Err(Error::UnreadableDefinition(format!(
                "statistics {}",
                qualified(&crate::ident::display_ident(&statistics.name))
            )));
        }
        if let Some(routine) = self.routines.iter().find(|r| r.definition.is_none()) {
            return Err(Error::UnreadableDefinition(format!(
                "routine {}",
                qualified(&routine.signature)
            )));
        }
        Ok(())
    }

    #[cfg(any(test, feature = "pg_test"))]
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::Database;

    #[test]
    fn a_database_is_read_from_its_own_row_then_a_row_per_schema() {
        let rows = [
            r#"{"server_version_num": 150020, "extensions": [{"name": "citext", "schema": "public", "version": "1.6"}]}"#,
            r#"{"name": "a", "tables": [], "constraints": [], "indexes": [], "sequences": []}"#,
            r#"{"name": "b", "tables": [], "constraints": [], "indexes": [], "sequences": []}"#,
        ];
        let database = Database::from_rows(&rows).unwrap();
        assert_eq!(database.server_version_num, 150020);
        assert_eq!(database.extensions[0].name, "citext");
        assert_eq!(
            database
                .schemas
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
        // a database with no schema to read is its own row alone; no rows at all is not a database
        assert!(Database::from_rows(&rows[..1]).unwrap().schemas.is_empty());
        assert!(Database::from_rows::<&str>(&[]).is_err());
        // a whole document where the database's row should be is not read as one
        assert!(Database::from_rows(&[r#"{"hello": 1}"#]).is_err());
    }
}
