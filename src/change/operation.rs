//! What one statement does, as the diff decided it: the operation and what it is done to (the
//! model's own objects, names within the plan's schema), with the facts that decide what it
//! costs (does it rewrite the table, validate rows, build an index), but no SQL text:
//! `crate::ddl` writes that once the plan is ordered, and `crate::costs` reads the lock and the
//! hazards from the same value.

use crate::model::{
    Attribute, Collation, Column, Constraint, DomainConstraint, EventTrigger, Extension, Identity,
    Index, OwnedBy, Parent, Persistence, Policy, Publication, PublicationTable, ReplicaIdentity,
    Routine, Rule, Sequence, SequenceOptions, Statistics, Storage, Table, Trigger, Type, View,
};

use super::operands::{
    CommentOn, ConstraintKind, Conversion, DomainChange, GenericOption, GrantOn, Owned, Parameters,
    Position, Renamed, Revoked, RowSecurity, SetAside, Setting, Stored,
};

/// What one statement does. Names are within the plan's schema (`Cx`), the one the key of the
/// step names. Large objects are boxed: a plan holds many small operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    /// `SET` of a session setting in the plan's preamble.
    Set(Setting),
    /// A statement of the caller's (`hooks`), as given: a backfill between a column's ADD and
    /// its SET NOT NULL.
    Hook {
        statement: String,
    },
    CreateSchema {
        name: String,
    },
    DropSchema {
        name: String,
    },
    CreateExtension {
        extension: Extension,
        /// None: the default version.
        version: Option<String>,
    },
    /// `ALTER EXTENSION ... UPDATE`
    UpdateExtension {
        name: String,
        version: String,
    },
    /// `ALTER EXTENSION ... SET SCHEMA`
    MoveExtension {
        name: String,
        schema: String,
    },
    DropExtension {
        name: String,
    },

    CreateTable(Box<Table>),
    /// `DROP TABLE`, or `DROP FOREIGN TABLE` for a foreign one (which `DROP TABLE` refuses).
    DropTable {
        name: String,
        foreign: bool,
    },
    /// `ALTER FOREIGN TABLE ... OPTIONS (ADD ..., SET ..., DROP ...)`, of the table or of one of
    /// its columns (`ALTER COLUMN ... OPTIONS`).
    ForeignOptions {
        table: String,
        column: Option<String>,
        changes: Vec<GenericOption>,
    },
    /// `ALTER TABLE ... SET (...)` or `RESET (...)`; `prefix` is `toast.` for the TOAST table's.
    TableStorageParameters {
        table: String,
        prefix: &'static str,
        parameters: Parameters,
    },
    /// `SET LOGGED` / `SET UNLOGGED`: the table is written out again.
    SetTablePersistence {
        table: String,
        persistence: Persistence,
    },
    /// `SET ACCESS METHOD`: the table is written out again.
    SetAccessMethod {
        table: String,
        method: String,
    },
    /// `ALTER TABLE | INDEX | MATERIALIZED VIEW ... SET TABLESPACE` (`None`: the database's
    /// default): the files are copied to the other place under ACCESS EXCLUSIVE; a partitioned
    /// table's or index's only says where new partitions' go.
    SetTablespace {
        relation: String,
        stored: Stored,
        partitioned: bool,
        tablespace: Option<String>,
    },
    /// `ALTER TABLE parent ATTACH PARTITION table FOR VALUES ...`: the rows are checked against
    /// the bound.
    AttachPartition {
        table: String,
        parent: Parent,
        bound: String,
    },
    /// `ALTER TABLE parent DETACH PARTITION table`: the table stays, as a table of its own.
    DetachPartition {
        table: String,
        parent: Parent,
    },
    /// `ALTER TABLE table INHERIT parent`, or `NO INHERIT parent`.
    Inherit {
        table: String,
        parent: Parent,
        inherit: bool,
    },
    /// `ENABLE`/`DISABLE`/`FORCE`/`NO FORCE ROW LEVEL SECURITY`
    RowSecurity {
        table: String,
        setting: RowSecurity,
    },
    ReplicaIdentity {
        table: String,
        identity: ReplicaIdentity,
        index: Option<String>,
    },
    /// `CLUSTER ON` / `SET WITHOUT CLUSTER`
    ClusterOn {
        table: String,
        index: Option<String>,
    },
    /// `OF type` / `NOT OF`
    OfType {
        table: String,
        of_type: Option<String>,
    },

    /// `ADD COLUMN`. `rewrites`: the rows get a value computed row by row (a volatile default, an
    /// identity, a stored generation), so the table is written out again.
    AddColumn {
        rewrites: bool,
        table: String,
        column: Box<Column>,
    },
    /// `only`: the parent's column alone (`ALTER TABLE ONLY`): the tables under it keep theirs,
    /// as their own.
    DropColumn {
        table: String,
        column: String,
        only: bool,
    },
    /// `ALTER COLUMN ... TYPE`, to the type (and collation) of `column`. `rewrites`: the new
    /// type is not binary-coercible from the old one under its modifiers, so every row is
    /// converted and the table written out again.
    AlterColumnType {
        rewrites: bool,
        table: String,
        column: Box<Column>,
        conversion: Conversion,
    },
    /// `SET DEFAULT`. `from_sequence`: the default takes values from a sequence, set on a
    /// column that may already hold values.
    SetDefault {
        from_sequence: bool,
        table: String,
        column: String,
        expression: String,
    },
    DropDefault {
        table: String,
        column: String,
    },
    /// `SET NOT NULL`. `proven`: a validated `CHECK (column IS NOT NULL)` is there (see
    /// `AddNotNullCheck`), so PostgreSQL reads no row.
    SetNotNull {
        table: String,
        column: String,
        proven: bool,
    },
    /// `RENAME CONSTRAINT`: a column's NOT NULL under the target's name (PostgreSQL 18).
    RenameNotNull {
        table: String,
        name: String,
        new_name: String,
    },
    /// `ADD CONSTRAINT name CHECK (column IS NOT NULL) NOT VALID`: the helper a lock-safe plan
    /// validates under a light lock before `SET NOT NULL`, and drops after.
    AddNotNullCheck {
        table: String,
        column: String,
        name: String,
    },
    DropNotNull {
        table: String,
        column: String,
    },
    /// `ADD GENERATED ... AS IDENTITY` on a column that exists.
    AddIdentity {
        table: String,
        column: String,
        identity: Box<Identity>,
    },
    /// `SET GENERATED`, identity sequence options, and `RESTART` when the start is outside the
    /// new bounds.
    AlterIdentity {
        table: String,
        column: String,
        from: Box<Identity>,
        to: Box<Identity>,
    },
    DropIdentity {
        table: String,
        column: String,
    },
    DropExpression {
        table: String,
        column: String,
    },
    /// `SET STATISTICS`; None for the default target.
    SetColumnStatistics {
        table: String,
        column: String,
        target: Option<i32>,
    },
    SetColumnStorage {
        table: String,
        column: String,
        storage: Storage,
    },
    /// `SET COMPRESSION`; None for the server's default.
    SetColumnCompression {
        table: String,
        column: String,
        method: Option<String>,
    },

    /// `ADD CONSTRAINT`. `validated`: existing rows are checked as it is added (a CHECK or
    /// FOREIGN KEY the target holds validated is otherwise added `NOT VALID`, to be validated
    /// by a step of its own); `using_index`: a PRIMARY KEY or UNIQUE constraint takes this
    /// index, built beforehand, building nothing (`ADD CONSTRAINT ... USING INDEX`).
    AddConstraint {
        kind: ConstraintKind,
        validated: bool,
        using_index: Option<String>,
        constraint: Box<Constraint>,
        /// The storage parameters of its index in the statement (`WITH (...)`): on a
        /// partitioned table, whose index takes no `ALTER INDEX ... SET` afterwards.
        index_parameters: bool,
    },
    ValidateConstraint {
        kind: ConstraintKind,
        table: String,
        name: String,
    },
    DropConstraint {
        kind: ConstraintKind,
        table: String,
        name: String,
    },
    /// `ALTER INDEX ... SET (...)` / `RESET (...)`
    IndexStorageParameters {
        index: String,
        parameters: Parameters,
    },

    /// `CREATE INDEX`; `concurrently`: without blocking writes, outside a transaction block;
    /// `only`: `ON ONLY` a partitioned table, for its partitions' indexes to be attached to.
    CreateIndex {
        index: Box<Index>,
        concurrently: bool,
        only: bool,
    },
    /// `ALTER INDEX index ATTACH PARTITION partition_index`: a partition's index attached to
    /// its parent's, which is valid once every partition has one.
    AttachIndex {
        index: String,
        partition_index: String,
    },
    /// `DROP INDEX`; `concurrently`: without blocking reads or writes, outside a transaction
    /// block.
    DropIndex {
        name: String,
        concurrently: bool,
    },
    /// `ALTER INDEX ... RENAME TO`: an index built under a name of its own takes the name of
    /// the one it replaces, or one the caller renames.
    RenameIndex {
        name: String,
        new_name: String,
    },
    /// A rename the caller asked for (`renames`): the object keeps its data and identity.
    Rename(Renamed),

    CreateSequence(Box<Sequence>),
    /// Every option that differs, and `RESTART` when the start is outside the new bounds.
    AlterSequence {
        from: Box<SequenceOptions>,
        to: Box<SequenceOptions>,
    },
    SetSequencePersistence {
        name: String,
        persistence: Persistence,
    },
    /// `ALTER SEQUENCE ... OWNED BY`, or `OWNED BY NONE`
    SequenceOwnedBy {
        name: String,
        owner: Option<OwnedBy>,
    },
    RenameSequence {
        name: String,
        new_name: String,
    },
    DropSequence {
        name: String,
    },

    CreateView(Box<View>),
    /// `CREATE OR REPLACE VIEW`. `security`: `security_barrier` or `security_invoker` changes.
    ReplaceView {
        security: bool,
        view: Box<View>,
    },
    DropView {
        name: String,
        materialized: bool,
    },
    /// `ALTER VIEW ... ALTER COLUMN ... SET/DROP DEFAULT`
    SetViewColumnDefault {
        view: String,
        column: String,
        default: Option<String>,
    },
    RefreshMaterializedView {
        name: String,
    },

    /// `CREATE FUNCTION`/`PROCEDURE`/`AGGREGATE`. `security_definer`: it runs with its owner's
    /// rights.
    CreateRoutine {
        security_definer: bool,
        routine: Box<Routine>,
    },
    /// `CREATE OR REPLACE`. `security_definer`: SECURITY DEFINER on either side.
    ReplaceRoutine {
        security_definer: bool,
        routine: Box<Routine>,
    },
    DropRoutine(Box<Routine>),

    /// `beside_set_aside`: made while the type it replaces is set aside (a domain's NOT NULL
    /// is then named, see `ddl::types::create`).
    CreateType {
        ty: Box<Type>,
        beside_set_aside: bool,
    },
    DropType {
        name: String,
        domain: bool,
    },
    /// `ALTER ... RENAME TO`: a type set aside under `aside` to be made again, or what a range
    /// takes aside with it.
    SetTypeAside {
        ty: Box<Type>,
        aside: String,
        what: SetAside,
    },
    /// `ALTER TYPE ... ADD VALUE`; no position: at the end.
    AddEnumValue {
        type_name: String,
        value: String,
        position: Option<Position>,
    },
    /// `ALTER DOMAIN ... SET/DROP DEFAULT`, `DROP NOT NULL`
    AlterDomain {
        domain: String,
        change: DomainChange,
    },
    /// `ALTER DOMAIN ... SET NOT NULL`: every column of the domain is checked.
    SetDomainNotNull {
        domain: String,
    },
    /// `ALTER DOMAIN ... ADD CONSTRAINT`. `validated`: every column of the domain is checked;
    /// otherwise it is added `NOT VALID`.
    AddDomainConstraint {
        validated: bool,
        domain: String,
        constraint: DomainConstraint,
    },
    ValidateDomainConstraint {
        domain: String,
        constraint: String,
    },
    DropDomainConstraint {
        domain: String,
        constraint: String,
    },
    AddAttribute {
        type_name: String,
        attribute: Attribute,
    },
    DropAttribute {
        type_name: String,
        attribute: String,
    },
    AlterAttribute {
        type_name: String,
        attribute: Attribute,
    },

    CreateCollation(Box<Collation>),
    RenameCollation {
        name: String,
        new_name: String,
    },
    DropCollation {
        name: String,
    },

    CreatePolicy(Box<Policy>),
    AlterPolicy(Box<Policy>),
    DropPolicy {
        table: String,
        name: String,
    },

    CreateTrigger(Box<Trigger>),
    /// `CREATE OR REPLACE TRIGGER`
    ReplaceTrigger(Box<Trigger>),
    DropTrigger {
        table: String,
        name: String,
    },
    /// `ENABLE`/`DISABLE TRIGGER`, as the trigger fires.
    EnableTrigger(Box<Trigger>),
    CreateEventTrigger(Box<EventTrigger>),
    DropEventTrigger {
        name: String,
    },
    EnableEventTrigger(Box<EventTrigger>),

    /// `CREATE PUBLICATION` with its tables, schemas and options.
    CreatePublication(Box<Publication>),
    DropPublication {
        name: String,
    },
    /// `ALTER PUBLICATION ... SET (publish = ..., publish_via_partition_root = ...)`.
    SetPublicationOptions(Box<Publication>),
    /// `ALTER PUBLICATION ... ADD TABLE ONLY` one table, with its columns and row filter.
    PublicationAddTable {
        publication: String,
        table: PublicationTable,
    },
    /// `ALTER PUBLICATION ... DROP TABLE ONLY` one table.
    PublicationDropTable {
        publication: String,
        schema: String,
        name: String,
    },
    /// `ALTER PUBLICATION ... ADD TABLES IN SCHEMA`.
    PublicationAddSchema {
        publication: String,
        schema: String,
    },
    /// `ALTER PUBLICATION ... DROP TABLES IN SCHEMA`.
    PublicationDropSchema {
        publication: String,
        schema: String,
    },
    CreateForeignDataWrapper(Box<crate::model::ForeignDataWrapper>),
    /// `ALTER FOREIGN DATA WRAPPER w [HANDLER f | NO HANDLER] [VALIDATOR f | NO VALIDATOR]
    /// [OPTIONS (...)]`: `None` for what does not change.
    AlterForeignDataWrapper {
        name: String,
        handler: Option<Option<crate::model::WrapperFunction>>,
        validator: Option<Option<crate::model::WrapperFunction>>,
        options: Vec<GenericOption>,
        /// Secret options the target has and the source lacks: their value was not read, so
        /// the statement says how to add them by hand.
        missing_secrets: Vec<String>,
    },
    DropForeignDataWrapper {
        name: String,
    },
    /// `CREATE SERVER`, without its secret options (`secret_options`, said in a comment).
    CreateServer(Box<crate::model::Server>),
    /// `ALTER SERVER s [VERSION 'v' | VERSION NULL] [OPTIONS (...)]`: `version` `None` when it
    /// does not change.
    AlterServer {
        name: String,
        version: Option<Option<String>>,
        options: Vec<GenericOption>,
        missing_secrets: Vec<String>,
    },
    DropServer {
        name: String,
    },
    /// `CREATE USER MAPPING`, without its secret options (`secret_options`, said in a comment).
    CreateUserMapping(Box<crate::model::UserMapping>),
    /// `ALTER USER MAPPING FOR u SERVER s OPTIONS (...)`
    AlterUserMapping {
        server: String,
        user: crate::model::Grantee,
        options: Vec<GenericOption>,
        missing_secrets: Vec<String>,
    },
    DropUserMapping {
        server: String,
        user: crate::model::Grantee,
    },

    CreateRule(Box<Rule>),
    /// `CREATE OR REPLACE RULE`
    ReplaceRule(Box<Rule>),
    DropRule {
        table: String,
        name: String,
    },
    EnableRule(Box<Rule>),

    CreateStatistics(Box<Statistics>),
    /// `SET STATISTICS` of the statistics object, as it has it.
    AlterStatistics(Box<Statistics>),
    DropStatistics {
        name: String,
    },

    /// `COMMENT ON`; no text: `IS NULL`. `whole_relation`: on a table, view, sequence or index,
    /// or on a column of one, rather than on a constraint, trigger, rule or policy of a table.
    Comment {
        whole_relation: bool,
        on: CommentOn,
        text: Option<String>,
    },
    /// `GRANT privileges ON ... TO grantee`; the privileges are `aclexplode`'s keywords.
    Grant {
        on: GrantOn,
        grantee: crate::model::Grantee,
        privileges: Vec<String>,
        with_grant_option: bool,
    },
    Revoke {
        on: GrantOn,
        grantee: crate::model::Grantee,
        revoked: Revoked,
    },
    /// `ALTER <object> <name> OWNER TO role` (`with_owners`): `name` is the object's name in the
    /// plan's schema, a routine's signature, or the schema's own name.
    SetOwner {
        object: Owned,
        name: String,
        role: String,
    },
}

impl Operation {
    /// Create, alter, replace or drop, as the row's `action` column says.
    pub fn action(&self) -> super::Action {
        use super::Action;
        use Operation as O;
        match self {
            O::CreateSchema { .. }
            | O::CreateExtension { .. }
            | O::CreateTable(_)
            | O::AddColumn { .. }
            | O::AddConstraint { .. }
            | O::CreateIndex { .. }
            | O::AddNotNullCheck { .. }
            | O::CreateSequence(_)
            | O::CreateView(_)
            | O::CreateRoutine { .. }
            | O::CreateType { .. }
            | O::CreateCollation(_)
            | O::CreatePolicy(_)
            | O::CreateTrigger(_)
            | O::CreateEventTrigger(_)
            | O::CreatePublication(_)
            | O::CreateForeignDataWrapper(_)
            | O::CreateServer(_)
            | O::CreateUserMapping(_)
            | O::CreateRule(_)
            | O::CreateStatistics(_)
            | O::Grant { .. } => Action::Create,
            O::ReplaceView { .. }
            | O::ReplaceRoutine { .. }
            | O::ReplaceTrigger(_)
            | O::ReplaceRule(_) => Action::Replace,
            O::DropSchema { .. }
            | O::DropExtension { .. }
            | O::DropTable { .. }
            | O::DropColumn { .. }
            | O::DropConstraint { .. }
            | O::DropIndex { .. }
            | O::DropSequence { .. }
            | O::DropView { .. }
            | O::DropRoutine(_)
            | O::DropType { .. }
            | O::DropCollation { .. }
            | O::DropPolicy { .. }
            | O::DropTrigger { .. }
            | O::DropEventTrigger { .. }
            | O::DropPublication { .. }
            | O::DropForeignDataWrapper { .. }
            | O::DropServer { .. }
            | O::DropUserMapping { .. }
            | O::DropRule { .. }
            | O::DropStatistics { .. }
            | O::Revoke { .. } => Action::Drop,
            O::Set(_)
            | O::Hook { .. }
            | O::UpdateExtension { .. }
            | O::MoveExtension { .. }
            | O::TableStorageParameters { .. }
            | O::ForeignOptions { .. }
            | O::SetTablePersistence { .. }
            | O::SetAccessMethod { .. }
            | O::SetTablespace { .. }
            | O::AttachPartition { .. }
            | O::DetachPartition { .. }
            | O::Inherit { .. }
            | O::RowSecurity { .. }
            | O::ReplicaIdentity { .. }
            | O::ClusterOn { .. }
            | O::OfType { .. }
            | O::AlterColumnType { .. }
            | O::SetDefault { .. }
            | O::DropDefault { .. }
            | O::SetNotNull { .. }
            | O::RenameNotNull { .. }
            | O::DropNotNull { .. }
            | O::AddIdentity { .. }
            | O::AlterIdentity { .. }
            | O::DropIdentity { .. }
            | O::DropExpression { .. }
            | O::SetColumnStatistics { .. }
            | O::SetColumnStorage { .. }
            | O::SetColumnCompression { .. }
            | O::ValidateConstraint { .. }
            | O::IndexStorageParameters { .. }
            | O::AlterSequence { .. }
            | O::SetSequencePersistence { .. }
            | O::SequenceOwnedBy { .. }
            | O::RenameSequence { .. }
            | O::RenameIndex { .. }
            | O::AttachIndex { .. }
            | O::Rename(_)
            | O::SetViewColumnDefault { .. }
            | O::RefreshMaterializedView { .. }
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
            | O::RenameCollation { .. }
            | O::AlterPolicy(_)
            | O::EnableTrigger(_)
            | O::EnableEventTrigger(_)
            | O::SetPublicationOptions(_)
            | O::PublicationAddTable { .. }
            | O::PublicationDropTable { .. }
            | O::PublicationAddSchema { .. }
            | O::PublicationDropSchema { .. }
            | O::AlterForeignDataWrapper { .. }
            | O::AlterServer { .. }
            | O::AlterUserMapping { .. }
            | O::EnableRule(_)
            | O::AlterStatistics(_)
            | O::SetOwner { .. }
            | O::Comment { .. } => Action::Alter,
        }
    }
}

impl Operation {
    /// Cannot run inside a transaction block: `CREATE` and `DROP INDEX CONCURRENTLY`.
    pub fn is_non_transactional(&self) -> bool {
        matches!(
            self,
            Operation::CreateIndex {
                concurrently: true,
                ..
            } | Operation::DropIndex {
                concurrently: true,
                ..
            }
        )
    }

    /// The same change as a statement that runs inside a transaction block, for a
    /// non-transactional one: what `migra_verify` runs in its place (it takes a stronger lock,
    /// and leaves the same objects).
    pub fn in_transaction(&self) -> Option<Operation> {
        match self {
            Operation::CreateIndex {
                index,
                concurrently: true,
                only,
            } => Some(Operation::CreateIndex {
                index: index.clone(),
                concurrently: false,
                only: *only,
            }),
            Operation::DropIndex {
                name,
                concurrently: true,
            } => Some(Operation::DropIndex {
                name: name.clone(),
                concurrently: false,
            }),
            _ => None,
        }
    }
}
