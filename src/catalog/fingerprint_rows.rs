//! What the fingerprint scan reads of both sides before it hashes anything: the relations of
//! the two schemas, the small catalogs read whole (policies, triggers, rules, extended
//! statistics, inheritance), and each table's columns, defaults, constraints, indexes, identity
//! sequences and comments.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hasher};

use pgrx::pg_sys;

use super::catalog_scan::{
    ATTRDEF_ADRELID_ADNUM, ATTRIBUTE_RELID_ATTNUM, CONSTRAINT_CONRELID_CONTYPID_CONNAME, Catalog,
    DEPEND_DEPENDER, DEPEND_REFERENCE, DESCRIPTION_OBJOID_CLASSOID_OBJSUBID, INDEX_INDRELID, Key,
    PG_ATTRDEF, PG_ATTRIBUTE, PG_CLASS, PG_CONSTRAINT, PG_DEPEND, PG_DESCRIPTION, PG_EXTENSION,
    PG_INDEX, PG_INHERITS, PG_NAMESPACE, PG_POLICY, PG_REWRITE, PG_SEQUENCE, PG_STATISTIC_EXT,
    PG_TRIGGER, PG_TYPE, SEQUENCE_SEQRELID, rows_of_tables,
};
use crate::error::Error;

/// A fingerprint in the making: every field with its length, so that no two lists of fields
/// hash alike by their concatenation.
#[derive(Default)]
pub struct Print(DefaultHasher);

impl Print {
    pub fn bytes(&mut self, value: &[u8]) -> &mut Self {
        self.0.write_u8(1);
        self.0.write_usize(value.len());
        self.0.write(value);
        self
    }

    pub fn maybe(&mut self, value: Option<&[u8]>) -> &mut Self {
        match value {
            Some(v) => self.bytes(v),
            None => {
                self.0.write_u8(0);
                self
            }
        }
    }

    pub fn number(&mut self, value: i64) -> &mut Self {
        self.0.write_u8(2);
        self.0.write_i64(value);
        self
    }

    pub fn finish(&self) -> i64 {
        self.0.finish() as i64
    }
}

/// A column, as much of its row as a print needs.
pub struct Column {
    pub number: i16,
    pub name: Vec<u8>,
    pub type_oid: u32,
    pub typmod: i32,
    pub not_null: bool,
    pub has_default: bool,
    pub inherited: bool,
    pub generated: u8,
    pub identity: u8,
    pub storage: u8,
    pub compression: u8,
    pub statistics_target: Option<i64>,
    pub acl: Option<Vec<u8>>,
    pub collation: u32,
}

pub struct Constraint {
    pub oid: u32,
    pub name: Vec<u8>,
    pub kind: u8,
    pub fields: i64,
    pub key: Vec<u8>,
    pub inherited_count: i32,
    pub index: u32,
    pub references: u32,
    pub check: Option<Vec<u8>>,
}

pub struct Index {
    pub oid: u32,
    pub fields: i64,
    pub key_columns: i16,
    pub key: Vec<u8>,
    pub classes: Vec<u8>,
    pub collations: Vec<u8>,
    pub nulls_not_distinct: bool,
    pub expressions: Option<Vec<u8>>,
    pub replica_identity: bool,
    pub clustered: bool,
}

/// A relation of one of the two schemas.
#[derive(Clone)]
pub struct Class {
    pub oid: u32,
    pub name: Vec<u8>,
    pub namespace: u32,
    pub kind: u8,
    pub fields: i64,
    pub toast: u32,
    pub partition: bool,
    pub of_type: u32,
    pub access_method: u32,
    pub tablespace: u32,
    pub options: Option<Vec<u8>>,
    pub has_index: bool,
}

/// What both sides read alike: the relations of the two schemas, what extensions own, and the
/// small catalogs read whole.
pub struct Shared {
    pub snapshot: pg_sys::Snapshot,
    pub extension_namespaces: HashSet<u32>,
    pub classes: HashMap<u32, Class>,
    pub toast_options: HashMap<u32, Vec<u8>>,
    pub policies: HashMap<u32, Vec<Policy>>,
    pub triggers: HashMap<u32, Vec<(Vec<u8>, u32, u8, u32)>>,
    pub rules: HashMap<u32, Vec<Vec<u8>>>,
    /// Extended statistics: name, OID, target, schema.
    pub statistics: HashMap<u32, Vec<(Vec<u8>, u32, Option<i64>, u32)>>,
    pub in_tree: HashSet<u32>,
    pub rows: TableRows,
    /// Each table's comments and those of its parts: (kind, name or column number, text).
    pub comments: HashMap<u32, Vec<(u8, Vec<u8>, Vec<u8>)>>,
}

pub struct Policy {
    pub oid: u32,
    pub name: Vec<u8>,
    pub fields: i64,
    pub qual: Option<Vec<u8>>,
    pub check: Option<Vec<u8>>,
}

impl Shared {
    pub fn read(snapshot: pg_sys::Snapshot, namespaces: [u32; 2]) -> Result<Shared, Error> {
        // what extensions own: their schemas, relations and (composite) types
        let mut extension_members: HashSet<(u32, u32)> = HashSet::new();
        let depend = Catalog::open(PG_DEPEND, snapshot);
        let [classid, objid, refclassid, deptype] =
            depend.columns(["classid", "objid", "refclassid", "deptype"])?;
        depend.scan(
            Some(DEPEND_REFERENCE),
            &[(refclassid, Key::Oid(PG_EXTENSION))],
            |row| {
                if row.char(deptype) == b'e' {
                    extension_members.insert((row.oid(classid), row.oid(objid)));
                }
                Ok(())
            },
        )?;
        drop(depend);
        let extension_namespaces = namespaces
            .into_iter()
            .filter(|n| extension_members.contains(&(PG_NAMESPACE, *n)))
            .collect();

        let class = Catalog::open(PG_CLASS, snapshot);
        let [
            oid,
            relname,
            relnamespace,
            relkind,
            relpersistence,
            reloptions,
            relowner,
            relacl,
            reltoastrelid,
            relispartition,
            relrowsecurity,
            relforcerowsecurity,
            relreplident,
            relam,
            reloftype,
            reltablespace,
            reltype,
            relhasindex,
        ] = class.columns([
            "oid",
            "relname",
            "relnamespace",
            "relkind",
            "relpersistence",
            "reloptions",
            "relowner",
            "relacl",
            "reltoastrelid",
            "relispartition",
            "relrowsecurity",
            "relforcerowsecurity",
            "relreplident",
            "relam",
            "reloftype",
            "reltablespace",
            "reltype",
            "relhasindex",
        ])?;
        let mut classes = HashMap::new();
        let mut toast_options = HashMap::new();
        // one pass over pg_class for both schemas and the TOAST tables' options
        class.scan(None, &[], |row| {
            let namespace = row.oid(relnamespace);
            if namespace == pg_sys::PG_TOAST_NAMESPACE {
                if let Some(options) = row.bytes(reloptions) {
                    toast_options.insert(row.oid(oid), options);
                }
                return Ok(());
            }
            if !namespaces.contains(&namespace) {
                return Ok(());
            }
            let this = row.oid(oid);
            if extension_members.contains(&(PG_CLASS, this))
                || extension_members.contains(&(PG_TYPE, row.oid(reltype)))
            {
                return Ok(());
            }
            let mut fields = Print::default();
            fields
                .number(row.char(relpersistence) as i64)
                .maybe(row.bytes(relacl).as_deref())
                .number(row.oid(relowner) as i64)
                .number(row.bool(relrowsecurity) as i64)
                .number(row.bool(relforcerowsecurity) as i64)
                .number(row.char(relreplident) as i64);
            classes.insert(
                this,
                Class {
                    oid: this,
                    name: row.name(relname),
                    namespace,
                    kind: row.char(relkind),
                    fields: fields.finish(),
                    toast: row.oid(reltoastrelid),
                    partition: row.bool(relispartition),
                    of_type: row.oid(reloftype),
                    access_method: row.oid(relam),
                    tablespace: row.oid(reltablespace),
                    options: row.bytes(reloptions),
                    has_index: row.bool(relhasindex),
                },
            );
            Ok(())
        })?;
        drop(class);
        let is_table = |relid: u32| classes.get(&relid).is_some_and(|c| is_table_kind(c.kind));

        // what comments may be on: (catalog, object) -> (table, kind, name)
        let mut commented: HashMap<(u32, u32), (u32, u8, Vec<u8>)> = HashMap::new();
        let mut policies: HashMap<u32, Vec<Policy>> = HashMap::new();
        let policy = Catalog::open(PG_POLICY, snapshot);
        let [
            oid,
            polname,
            polrelid,
            polcmd,
            polpermissive,
            polroles,
            polqual,
            polwithcheck,
        ] = policy.columns([
            "oid",
            "polname",
            "polrelid",
            "polcmd",
            "polpermissive",
            "polroles",
            "polqual",
            "polwithcheck",
        ])?;
        policy.scan(None, &[], |row| {
            let relid = row.oid(polrelid);
            if is_table(relid) {
                let mut fields = Print::default();
                fields
                    .number(row.char(polcmd) as i64)
                    .number(row.bool(polpermissive) as i64)
                    .maybe(row.bytes(polroles).as_deref());
                commented.insert((PG_POLICY, row.oid(oid)), (relid, b'p', row.name(polname)));
                policies.entry(relid).or_default().push(Policy {
                    oid: row.oid(oid),
                    name: row.name(polname),
                    fields: fields.finish(),
                    qual: row.bytes(polqual),
                    check: row.bytes(polwithcheck),
                });
            }
            Ok(())
        })?;
        drop(policy);

        let mut triggers: HashMap<u32, Vec<_>> = HashMap::new();
        let trigger = Catalog::open(PG_TRIGGER, snapshot);
        let [oid, tgrelid, tgname, tgfoid, tgenabled, tgisinternal] = trigger.columns([
            "oid",
            "tgrelid",
            "tgname",
            "tgfoid",
            "tgenabled",
            "tgisinternal",
        ])?;
        trigger.scan(None, &[], |row| {
            let relid = row.oid(tgrelid);
            if is_table(relid) {
                commented.insert((PG_TRIGGER, row.oid(oid)), (relid, b't', row.name(tgname)));
            }
            if !row.bool(tgisinternal) && is_table(relid) {
                triggers.entry(relid).or_default().push((
                    row.name(tgname),
                    row.oid(oid),
                    row.char(tgenabled),
                    row.oid(tgfoid),
                ));
            }
            Ok(())
        })?;
        drop(trigger);

        let mut rules: HashMap<u32, Vec<Vec<u8>>> = HashMap::new();
        let rewrite = Catalog::open(PG_REWRITE, snapshot);
        let [oid, rulename, ev_class] = rewrite.columns(["oid", "rulename", "ev_class"])?;
        rewrite.scan(None, &[], |row| {
            let relid = row.oid(ev_class);
            if is_table(relid) {
                commented.insert(
                    (PG_REWRITE, row.oid(oid)),
                    (relid, b'r', row.name(rulename)),
                );
                rules.entry(relid).or_default().push(row.name(rulename));
            }
            Ok(())
        })?;
        drop(rewrite);

        let mut statistics: HashMap<u32, Vec<_>> = HashMap::new();
        let statistic = Catalog::open(PG_STATISTIC_EXT, snapshot);
        let [oid, stxrelid, stxname, stxstattarget, stxnamespace] = statistic.columns([
            "oid",
            "stxrelid",
            "stxname",
            "stxstattarget",
            "stxnamespace",
        ])?;
        statistic.scan(None, &[], |row| {
            let relid = row.oid(stxrelid);
            if is_table(relid) {
                let target = row.datum(stxstattarget).map(|d| d.value() as i16 as i64);
                statistics.entry(relid).or_default().push((
                    row.name(stxname),
                    row.oid(oid),
                    target,
                    row.oid(stxnamespace),
                ));
            }
            Ok(())
        })?;
        drop(statistic);

        // members of inheritance trees, from either end
        let mut in_tree = HashSet::new();
        let inherits = Catalog::open(PG_INHERITS, snapshot);
        let [inhrelid, inhparent] = inherits.columns(["inhrelid", "inhparent"])?;
        inherits.scan(None, &[], |row| {
            for relid in [row.oid(inhrelid), row.oid(inhparent)] {
                if is_table(relid) {
                    in_tree.insert(relid);
                }
            }
            Ok(())
        })?;
        drop(inherits);

        let mut tables: Vec<&Class> = classes.values().filter(|c| is_table_kind(c.kind)).collect();
        tables.sort_by_key(|c| c.oid);
        let mut sequences: Vec<&Class> = classes.values().filter(|c| c.kind == b'S').collect();
        sequences.sort_by_key(|c| c.oid);
        let mut rows = TableRows::read(snapshot, &tables, &sequences)?;
        for table in &tables {
            commented.insert((PG_CLASS, table.oid), (table.oid, b'c', Vec::new()));
        }
        for (table, indexes) in &rows.table_indexes {
            for index in indexes {
                if let Some(class) = classes.get(index) {
                    commented.insert((PG_CLASS, *index), (*table, b'i', class.name.clone()));
                }
            }
        }
        for (oid, (table, name)) in rows.constraint_names.drain() {
            commented.insert((PG_CONSTRAINT, oid), (table, b'k', name));
        }
        let comments = comments(snapshot, &commented)?;
        Ok(Shared {
            comments,
            rows,
            snapshot,
            extension_namespaces,
            classes,
            toast_options,
            policies,
            triggers,
            rules,
            statistics,
            in_tree,
        })
    }
}

/// The rows of the tables' columns, defaults, constraints and indexes, of both sides.
#[derive(Default)]
pub struct TableRows {
    pub columns: HashMap<u32, Vec<Column>>,
    pub defaults: HashMap<(u32, i16), (u32, Vec<u8>)>,
    pub constraints: HashMap<u32, Vec<Constraint>>,
    pub indexes: HashMap<u32, Index>,
    pub table_indexes: HashMap<u32, Vec<u32>>,
    /// Each identity column's sequence, by what it is made of (`identity_prints`).
    pub identities: HashMap<(u32, i16), i64>,
    /// Every constraint of the tables, of any kind: (table, name), for their comments.
    pub constraint_names: HashMap<u32, (u32, Vec<u8>)>,
}

impl TableRows {
    pub fn read(
        snapshot: pg_sys::Snapshot,
        tables: &[&Class],
        sequences: &[&Class],
    ) -> Result<TableRows, Error> {
        let attribute = Catalog::open(PG_ATTRIBUTE, snapshot);
        let attribute_columns = attribute.columns([
            "attrelid",
            "attnum",
            "attname",
            "atttypid",
            "atttypmod",
            "attnotnull",
            "atthasdef",
            "attinhcount",
            "attgenerated",
            "attidentity",
            "attstorage",
            "attcompression",
            "attstattarget",
            "attacl",
            "attcollation",
            "attisdropped",
        ])?;
        let attrdef = Catalog::open(PG_ATTRDEF, snapshot);
        let [adoid, adrelid, adnum, adbin] =
            attrdef.columns(["oid", "adrelid", "adnum", "adbin"])?;
        let constraint = Catalog::open(PG_CONSTRAINT, snapshot);
        let constraint_columns = constraint.columns([
            "oid",
            "conname",
            "contype",
            "condeferrable",
            "condeferred",
            "convalidated",
            "connoinherit",
            "conkey",
            "confkey",
            "confupdtype",
            "confdeltype",
            "confmatchtype",
            "conrelid",
            "confrelid",
            "conindid",
            "conbin",
            "coninhcount",
        ])?;
        let constraint_since = [
            constraint.column_if("confdelsetcols"),
            constraint.column_if("conenforced"),
            constraint.column_if("conperiod"),
        ];
        let index = Catalog::open(PG_INDEX, snapshot);
        let index_columns = index.columns([
            "indexrelid",
            "indrelid",
            "indisunique",
            "indisvalid",
            "indkey",
            "indoption",
            "indclass",
            "indcollation",
            "indnkeyatts",
            "indexprs",
            "indpred",
            "indisreplident",
            "indisclustered",
        ])?;
        let nulls_not_distinct = index.column_if("indnullsnotdistinct");

        let mut rows = TableRows::default();
        let all: HashSet<u32> = tables.iter().map(|t| t.oid).collect();
        let oids: Vec<u32> = tables.iter().map(|t| t.oid).collect();
        {
            let [
                attrelid,
                attnum,
                attname,
                atttypid,
                atttypmod,
                attnotnull,
                atthasdef,
                attinhcount,
                attgenerated,
                attidentity,
                attstorage,
                attcompression,
                attstattarget,
                attacl,
                attcollation,
                attisdropped,
            ] = attribute_columns;
            rows_of_tables(
                &attribute,
                ATTRIBUTE_RELID_ATTNUM,
                &[],
                attrelid,
                &oids,
                &all,
                |row| {
                    let number = row.int2(attnum);
                    if number > 0 && !row.bool(attisdropped) {
                        rows.columns
                            .entry(row.oid(attrelid))
                            .or_default()
                            .push(Column {
                                number,
                                name: row.name(attname),
                                type_oid: row.oid(atttypid),
                                typmod: row.int4(atttypmod),
                                not_null: row.bool(attnotnull),
                                has_default: row.bool(atthasdef),
                                inherited: row.int4(attinhcount) > 0,
                                generated: row.char(attgenerated),
                                identity: row.char(attidentity),
                                storage: row.char(attstorage),
                                compression: row.char(attcompression),
                                statistics_target: row
                                    .datum(attstattarget)
                                    .map(|d| d.value() as i16 as i64),
                                acl: row.bytes(attacl),
                                collation: row.oid(attcollation),
                            });
                    }
                    Ok(())
                },
            )?;
            for columns in rows.columns.values_mut() {
                columns.sort_by_key(|c| c.number);
            }
            let with_defaults: Vec<u32> = oids
                .iter()
                .copied()
                .filter(|t| {
                    rows.columns
                        .get(t)
                        .is_some_and(|c| c.iter().any(|c| c.has_default))
                })
                .collect();
            let defaults = &mut rows.defaults;
            rows_of_tables(
                &attrdef,
                ATTRDEF_ADRELID_ADNUM,
                &[],
                adrelid,
                &with_defaults,
                &all,
                |row| {
                    if let Some(tree) = row.bytes(adbin) {
                        defaults
                            .insert((row.oid(adrelid), row.int2(adnum)), (row.oid(adoid), tree));
                    }
                    Ok(())
                },
            )?;

            let [
                oid,
                conname,
                contype,
                condeferrable,
                condeferred,
                convalidated,
                connoinherit,
                conkey,
                confkey,
                confupdtype,
                confdeltype,
                confmatchtype,
                conrelid,
                confrelid,
                conindid,
                conbin,
                coninhcount,
            ] = constraint_columns;
            let constraints = &mut rows.constraints;
            let constraint_names = &mut rows.constraint_names;
            rows_of_tables(
                &constraint,
                CONSTRAINT_CONRELID_CONTYPID_CONNAME,
                &[],
                conrelid,
                &oids,
                &all,
                |row| {
                    let kind = row.char(contype);
                    constraint_names.insert(row.oid(oid), (row.oid(conrelid), row.name(conname)));
                    if !matches!(kind, b'p' | b'u' | b'c' | b'f' | b'x' | b'n') {
                        return Ok(());
                    }
                    let mut fields = Print::default();
                    fields
                        .number(kind as i64)
                        .number(row.bool(condeferrable) as i64)
                        .number(row.bool(condeferred) as i64)
                        .number(row.bool(convalidated) as i64)
                        .number(row.bool(connoinherit) as i64)
                        .maybe(row.bytes(conkey).as_deref())
                        .maybe(row.bytes(confkey).as_deref())
                        .number(row.char(confupdtype) as i64)
                        .number(row.char(confdeltype) as i64)
                        .number(row.char(confmatchtype) as i64);
                    let [delete_set_columns, enforced, period] = constraint_since;
                    fields
                        .maybe(delete_set_columns.and_then(|c| row.bytes(c)).as_deref())
                        .number(enforced.map_or(1, |c| row.bool(c) as i64))
                        .number(period.is_some_and(|c| row.bool(c)) as i64);
                    constraints
                        .entry(row.oid(conrelid))
                        .or_default()
                        .push(Constraint {
                            oid: row.oid(oid),
                            name: row.name(conname),
                            kind,
                            fields: fields.finish(),
                            key: row.bytes(conkey).unwrap_or_default(),
                            inherited_count: row.int4(coninhcount),
                            index: row.oid(conindid),
                            references: row.oid(confrelid),
                            check: (kind == b'c').then(|| row.bytes(conbin)).flatten(),
                        });
                    Ok(())
                },
            )?;
            let with_indexes: Vec<u32> = tables
                .iter()
                .filter(|t| t.has_index)
                .map(|t| t.oid)
                .collect();
            {
                let [
                    indexrelid,
                    indrelid,
                    indisunique,
                    indisvalid,
                    indkey,
                    indoption,
                    indclass,
                    indcollation,
                    indnkeyatts,
                    indexprs,
                    indpred,
                    indisreplident,
                    indisclustered,
                ] = index_columns;
                let (indexes, table_indexes) = (&mut rows.indexes, &mut rows.table_indexes);
                rows_of_tables(
                    &index,
                    INDEX_INDRELID,
                    &[],
                    indrelid,
                    &with_indexes,
                    &all,
                    |row| {
                        let mut fields = Print::default();
                        fields
                            .number(row.bool(indisunique) as i64)
                            .number(row.bool(indisvalid) as i64)
                            .maybe(row.bytes(indoption).as_deref());
                        let expressions = row.bytes(indexprs);
                        let predicate = row.bytes(indpred);
                        let expressions =
                            (expressions.is_some() || predicate.is_some()).then(|| {
                                let mut text = expressions.unwrap_or_default();
                                text.extend_from_slice(b" WHERE ");
                                text.extend(predicate.unwrap_or_default());
                                text
                            });
                        let this = row.oid(indexrelid);
                        table_indexes
                            .entry(row.oid(indrelid))
                            .or_default()
                            .push(this);
                        indexes.insert(
                            this,
                            Index {
                                oid: this,
                                fields: fields.finish(),
                                key_columns: row.int2(indnkeyatts),
                                key: row.bytes(indkey).unwrap_or_default(),
                                classes: row.bytes(indclass).unwrap_or_default(),
                                collations: row.bytes(indcollation).unwrap_or_default(),
                                nulls_not_distinct: nulls_not_distinct
                                    .is_some_and(|column| row.bool(column)),
                                expressions,
                                replica_identity: row.bool(indisreplident),
                                clustered: row.bool(indisclustered),
                            },
                        );
                        Ok(())
                    },
                )?;
            }
        }
        drop((attribute, attrdef, constraint, index));
        rows.identities = identities(snapshot, sequences)?;
        Ok(rows)
    }
}

/// Each identity column's sequence (an internal dependency on the column, found from the
/// sequences' side), by what it is made of: `identity_prints`.
pub fn identities(
    snapshot: pg_sys::Snapshot,
    sequences: &[&Class],
) -> Result<HashMap<(u32, i16), i64>, Error> {
    let oids: Vec<u32> = sequences.iter().map(|c| c.oid).collect();
    let all: HashSet<u32> = oids.iter().copied().collect();
    let mut columns: HashMap<u32, (u32, i16)> = HashMap::new();
    let depend = Catalog::open(PG_DEPEND, snapshot);
    let [classid, objid, refclassid, refobjid, refobjsubid, deptype] = depend.columns([
        "classid",
        "objid",
        "refclassid",
        "refobjid",
        "refobjsubid",
        "deptype",
    ])?;
    rows_of_tables(
        &depend,
        DEPEND_DEPENDER,
        &[(classid, PG_CLASS)],
        objid,
        &oids,
        &all,
        |row| {
            if row.char(deptype) == b'i' && row.oid(refclassid) == PG_CLASS {
                columns
                    .entry(row.oid(objid))
                    .or_insert((row.oid(refobjid), row.int4(refobjsubid) as i16));
            }
            Ok(())
        },
    )?;
    drop(depend);
    let owned: Vec<u32> = oids
        .iter()
        .copied()
        .filter(|s| columns.contains_key(s))
        .collect();
    let catalog = Catalog::open(PG_SEQUENCE, snapshot);
    let [
        seqrelid,
        seqtypid,
        seqstart,
        seqincrement,
        seqmax,
        seqmin,
        seqcache,
        seqcycle,
    ] = catalog.columns([
        "seqrelid",
        "seqtypid",
        "seqstart",
        "seqincrement",
        "seqmax",
        "seqmin",
        "seqcache",
        "seqcycle",
    ])?;
    let by_oid: HashMap<u32, &Class> = sequences.iter().map(|c| (c.oid, *c)).collect();
    let mut identities = HashMap::new();
    rows_of_tables(
        &catalog,
        SEQUENCE_SEQRELID,
        &[],
        seqrelid,
        &owned,
        &all,
        |row| {
            let sequence = row.oid(seqrelid);
            let (Some(column), Some(class)) = (columns.get(&sequence), by_oid.get(&sequence))
            else {
                return Ok(());
            };
            let mut print = Print::default();
            print
                .bytes(&class.name)
                .number(class.fields)
                .number(row.oid(seqtypid) as i64)
                .number(row.int8(seqstart))
                .number(row.int8(seqincrement))
                .number(row.int8(seqmax))
                .number(row.int8(seqmin))
                .number(row.int8(seqcache))
                .number(row.bool(seqcycle) as i64);
            identities.insert(*column, print.finish());
            Ok(())
        },
    )?;
    Ok(identities)
}

/// The comments on the tables and on their parts (`commented`), by table: the query's
/// `comment_prints`.
pub fn comments(
    snapshot: pg_sys::Snapshot,
    commented: &HashMap<(u32, u32), (u32, u8, Vec<u8>)>,
) -> Result<HashMap<u32, Vec<(u8, Vec<u8>, Vec<u8>)>>, Error> {
    let mut objects: Vec<u32> = commented.keys().map(|(_, o)| *o).collect();
    objects.sort_unstable();
    objects.dedup();
    let all: HashSet<u32> = objects.iter().copied().collect();
    let catalog = Catalog::open(PG_DESCRIPTION, snapshot);
    let [objoid, classoid, objsubid, description] =
        catalog.columns(["objoid", "classoid", "objsubid", "description"])?;
    let mut comments: HashMap<u32, Vec<_>> = HashMap::new();
    rows_of_tables(
        &catalog,
        DESCRIPTION_OBJOID_CLASSOID_OBJSUBID,
        &[],
        objoid,
        &objects,
        &all,
        |row| {
            if let Some((table, kind, name)) = commented.get(&(row.oid(classoid), row.oid(objoid)))
            {
                let part = match kind {
                    b'c' => row.int4(objsubid).to_string().into_bytes(),
                    _ => name.clone(),
                };
                let text = row.bytes(description).unwrap_or_default();
                comments
                    .entry(*table)
                    .or_default()
                    .push((*kind, part, text));
            }
            Ok(())
        },
    )?;
    for list in comments.values_mut() {
        list.sort();
    }
    Ok(comments)
}

pub fn is_table_kind(kind: u8) -> bool {
    matches!(kind, b'r' | b'p' | b'f')
}
