//! The fingerprints of two schemas of this database, read from the catalogs by scans in Rust
//! instead of by `sql/fingerprints.sql` (`migra.fingerprint_reader = scan`, the default for
//! `migra_diff`).
//!
//! What decides is the same as the query's: two tables with equal fingerprints have equal
//! documents. Two things make a reader in Rust both faster and simpler here:
//! - Both sides are in one database, so an OID of anything outside the two schemas (a role, a
//!   built-in type, an operator class, a type of a third schema) stands for the same object on
//!   both sides and is hashed as it is. Only objects of the side's own schema are hashed by name
//!   (and a type or routine of it also by its definition), as the query does with every object.
//! - The catalogs are read as heap tuples under the call's snapshot, through their indexes a
//!   table at a time, or whole where a catalog is small (policies, triggers, rules, extended
//!   statistics, inheritance): no plan, no executor, no JSON.
//!
//! Stored expressions follow the query's rule: a tree without a number that may be an OID
//! (12,000 or more) counts as its text without `:location` and the other fields a column's type
//! decides; any other is deparsed, under the side's search_path, as are defaults that read no
//! column (a constant may hold an OID in its bytes), triggers, extended statistics, exclusion
//! constraints and the routines and types a table uses. Policies' expressions follow the rule
//! of CHECKs here (the query deparses them all): the columns they name are in the print by
//! number and name already. Each distinct tree is stripped once, and what it calls is looked up
//! once. The two readers give the same tables to read; `pg_test/run.py` and `fuzz.py` hold them
//! to it on every case and random pair.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ffi::CStr;
use std::hash::{DefaultHasher, Hasher};
use std::rc::Rc;

use pgrx::pg_sys;

use crate::error::Error;
use crate::fingerprints::{Fingerprints, TablePrint, strip_node_tree};

// Catalogs and their indexes, by OID: fixed by every PostgreSQL since 9 (a #[pg_test] checks
// them against the server's names). Not all are in pgrx's bindings.
const PG_CLASS: u32 = 1259;
const PG_ATTRIBUTE: u32 = 1249;
const PG_ATTRDEF: u32 = 2604;
const PG_CONSTRAINT: u32 = 2606;
const PG_INDEX: u32 = 2610;
const PG_TRIGGER: u32 = 2620;
const PG_POLICY: u32 = 3256;
const PG_REWRITE: u32 = 2618;
const PG_STATISTIC_EXT: u32 = 3381;
const PG_INHERITS: u32 = 2611;
const PG_DEPEND: u32 = 2608;
const PG_TYPE: u32 = 1247;
const PG_ENUM: u32 = 3501;
const PG_SEQUENCE: u32 = 2224;
const PG_COLLATION: u32 = 3456;
const PG_PROC: u32 = 1255;
const PG_NAMESPACE: u32 = 2615;
const PG_EXTENSION: u32 = 3079;
const PG_DESCRIPTION: u32 = 2609;
const ATTRIBUTE_RELID_ATTNUM: u32 = 2659;
const ATTRDEF_ADRELID_ADNUM: u32 = 2656;
const CONSTRAINT_CONRELID_CONTYPID_CONNAME: u32 = 2665;
const CONSTRAINT_CONTYPID: u32 = 2666;
const INDEX_INDRELID: u32 = 2678;
const DEPEND_DEPENDER: u32 = 2673;
const DEPEND_REFERENCE: u32 = 2674;
const TYPE_OID: u32 = 2703;
const ENUM_TYPID_SORTORDER: u32 = 3534;
const SEQUENCE_SEQRELID: u32 = 5002;
const COLLATION_OID: u32 = 3085;
const PROC_OID: u32 = 2690;
const DESCRIPTION_OBJOID_CLASSOID_OBJSUBID: u32 = 2675;

/// The catalogs and indexes above, by name, for the test that checks them.
#[cfg(any(test, feature = "pg_test"))]
pub const CATALOG_OIDS: &[(&str, u32)] = &[
    ("pg_class", PG_CLASS),
    ("pg_attribute", PG_ATTRIBUTE),
    ("pg_attrdef", PG_ATTRDEF),
    ("pg_constraint", PG_CONSTRAINT),
    ("pg_index", PG_INDEX),
    ("pg_trigger", PG_TRIGGER),
    ("pg_policy", PG_POLICY),
    ("pg_rewrite", PG_REWRITE),
    ("pg_statistic_ext", PG_STATISTIC_EXT),
    ("pg_inherits", PG_INHERITS),
    ("pg_depend", PG_DEPEND),
    ("pg_type", PG_TYPE),
    ("pg_enum", PG_ENUM),
    ("pg_sequence", PG_SEQUENCE),
    ("pg_collation", PG_COLLATION),
    ("pg_proc", PG_PROC),
    ("pg_namespace", PG_NAMESPACE),
    ("pg_extension", PG_EXTENSION),
    ("pg_description", PG_DESCRIPTION),
    (
        "pg_description_o_c_o_index",
        DESCRIPTION_OBJOID_CLASSOID_OBJSUBID,
    ),
    ("pg_attribute_relid_attnum_index", ATTRIBUTE_RELID_ATTNUM),
    ("pg_attrdef_adrelid_adnum_index", ATTRDEF_ADRELID_ADNUM),
    (
        "pg_constraint_conrelid_contypid_conname_index",
        CONSTRAINT_CONRELID_CONTYPID_CONNAME,
    ),
    ("pg_constraint_contypid_index", CONSTRAINT_CONTYPID),
    ("pg_index_indrelid_index", INDEX_INDRELID),
    ("pg_depend_depender_index", DEPEND_DEPENDER),
    ("pg_depend_reference_index", DEPEND_REFERENCE),
    ("pg_type_oid_index", TYPE_OID),
    ("pg_enum_typid_sortorder_index", ENUM_TYPID_SORTORDER),
    ("pg_sequence_seqrelid_index", SEQUENCE_SEQRELID),
    ("pg_collation_oid_index", COLLATION_OID),
    ("pg_proc_oid_index", PROC_OID),
];

thread_local! {
    /// The work of one read: catalog rows fetched, and calls of PostgreSQL's deparsers.
    static WORK: std::cell::Cell<(u64, u64)> = const { std::cell::Cell::new((0, 0)) };
}

fn count(rows: u64, calls: u64) {
    WORK.with(|w| {
        let (r, c) = w.get();
        w.set((r + rows, c + calls));
    });
}

/// Reads the fingerprints of the tables of two schemas (by OID) of this database under
/// `snapshot`. `under_side(i)` sets side `i`'s search_path, under which its deparsers run.
/// Says at DEBUG1 how much work it took (`pg_test/linearity.py` holds it to linear growth).
pub fn read_pair(
    snapshot: pg_sys::Snapshot,
    namespaces: [u32; 2],
    under_side: impl FnMut(usize) -> Result<(), Error>,
) -> Result<[Fingerprints; 2], Error> {
    WORK.with(|w| w.set((0, 0)));
    let read = read_both(snapshot, namespaces, under_side);
    let (rows, calls) = WORK.with(|w| w.get());
    pgrx::debug1!("migra fingerprint scan: {rows} catalog rows, {calls} deparsed");
    read
}

fn read_both(
    snapshot: pg_sys::Snapshot,
    namespaces: [u32; 2],
    mut under_side: impl FnMut(usize) -> Result<(), Error>,
) -> Result<[Fingerprints; 2], Error> {
    let shared = Shared::read(snapshot, namespaces)?;
    let mut sides = Vec::with_capacity(2);
    for (i, namespace) in namespaces.into_iter().enumerate() {
        under_side(i)?;
        sides.push(Side::new(&shared, namespace).prints()?);
    }
    let [a, b] = <[Fingerprints; 2]>::try_from(sides).map_err(|_| internal("two sides"))?;
    Ok([a, b])
}

fn internal(what: &str) -> Error {
    Error::Catalog(format!("the fingerprint scan: {what}"))
}

/// An open catalog and the numbers of the columns read from it.
struct Catalog {
    relation: pg_sys::Relation,
    snapshot: pg_sys::Snapshot,
    numbers: RefCell<HashMap<&'static str, Option<i32>>>,
}

impl Catalog {
    fn open(oid: u32, snapshot: pg_sys::Snapshot) -> Catalog {
        // SAFETY: a transaction is running; the lock is the one every catalog read takes.
        let relation =
            unsafe { pg_sys::table_open(pg_sys::Oid::from(oid), pg_sys::AccessShareLock as _) };
        Catalog {
            relation,
            snapshot,
            numbers: RefCell::new(HashMap::new()),
        }
    }

    fn descriptor(&self) -> pg_sys::TupleDesc {
        // SAFETY: the relation is open.
        unsafe { (*self.relation).rd_att }
    }

    /// The column's number, `None` where this server's catalog lacks it.
    fn column_if(&self, name: &'static str) -> Option<i32> {
        if let Some(number) = self.numbers.borrow().get(name) {
            return *number;
        }
        // SAFETY: the open relation's descriptor, not released here.
        let descriptor = unsafe { pgrx::PgTupleDesc::from_pg_unchecked(self.descriptor()) };
        let number = descriptor
            .iter()
            .position(|a| a.name() == name)
            .map(|i| i as i32 + 1);
        self.numbers.borrow_mut().insert(name, number);
        number
    }

    fn columns<const N: usize>(&self, names: [&'static str; N]) -> Result<[i32; N], Error> {
        let mut numbers = [0; N];
        for (number, name) in numbers.iter_mut().zip(names) {
            *number = self
                .column_if(name)
                .ok_or_else(|| internal(&format!("no column {name}")))?;
        }
        Ok(numbers)
    }

    /// Every row whose key columns equal the OIDs (or int4s) given, through `index` (or the
    /// whole catalog when `None`).
    fn scan(
        &self,
        index: Option<u32>,
        keys: &[(i32, Key)],
        mut each: impl FnMut(&Row) -> Result<(), Error>,
    ) -> Result<(), Error> {
        // SAFETY: the keys are initialised before the scan begins and live until it ends; the
        // scan ends before this returns, whatever `each` does (the guard).
        unsafe {
            let mut scan_keys: Vec<pg_sys::ScanKeyData> = Vec::with_capacity(keys.len());
            for (column, key) in keys {
                let mut scan_key: pg_sys::ScanKeyData = std::mem::zeroed();
                let (procedure, datum) = match key {
                    Key::Oid(oid) => (pg_sys::F_OIDEQ, pg_sys::Datum::from(*oid)),
                };
                pg_sys::ScanKeyInit(
                    &mut scan_key,
                    *column as _,
                    pg_sys::BTEqualStrategyNumber as _,
                    pg_sys::Oid::from(procedure),
                    datum,
                );
                scan_keys.push(scan_key);
            }
            let scan = pg_sys::systable_beginscan(
                self.relation,
                pg_sys::Oid::from(index.unwrap_or(0)),
                index.is_some(),
                self.snapshot,
                scan_keys.len() as _,
                scan_keys.as_mut_ptr(),
            );
            struct EndScan(pg_sys::SysScanDesc);
            impl Drop for EndScan {
                fn drop(&mut self) {
                    // SAFETY: begun above, ended once.
                    unsafe { pg_sys::systable_endscan(self.0) }
                }
            }
            let _end = EndScan(scan);
            loop {
                let tuple = pg_sys::systable_getnext(scan);
                if tuple.is_null() {
                    return Ok(());
                }
                count(1, 0);
                each(&Row {
                    tuple,
                    descriptor: self.descriptor(),
                })?;
            }
        }
    }
}

impl Drop for Catalog {
    fn drop(&mut self) {
        // SAFETY: opened in `open`, closed once.
        unsafe { pg_sys::table_close(self.relation, pg_sys::AccessShareLock as _) }
    }
}

#[derive(Clone, Copy)]
enum Key {
    Oid(u32),
}

/// One catalog row, valid while its scan stands on it.
struct Row {
    tuple: pg_sys::HeapTuple,
    descriptor: pg_sys::TupleDesc,
}

impl Row {
    fn datum(&self, column: i32) -> Option<pg_sys::Datum> {
        let mut is_null = false;
        // SAFETY: the tuple is the scan's current one, and the descriptor its catalog's.
        let datum =
            unsafe { pg_sys::heap_getattr(self.tuple, column, self.descriptor, &mut is_null) };
        (!is_null).then_some(datum)
    }

    fn oid(&self, column: i32) -> u32 {
        self.datum(column).map_or(0, |d| d.value() as u32)
    }

    fn bool(&self, column: i32) -> bool {
        self.datum(column).is_some_and(|d| d.value() & 0xff != 0)
    }

    fn char(&self, column: i32) -> u8 {
        self.datum(column).map_or(0, |d| d.value() as u8)
    }

    fn int2(&self, column: i32) -> i16 {
        self.datum(column).map_or(0, |d| d.value() as i16)
    }

    fn int4(&self, column: i32) -> i32 {
        self.datum(column).map_or(0, |d| d.value() as i32)
    }

    fn int8(&self, column: i32) -> i64 {
        self.datum(column).map_or(0, |d| d.value() as i64)
    }

    fn name(&self, column: i32) -> Vec<u8> {
        match self.datum(column) {
            // SAFETY: a name column's datum points at a NUL-terminated NameData.
            Some(d) => unsafe { CStr::from_ptr(d.cast_mut_ptr::<std::ffi::c_char>()) }
                .to_bytes()
                .to_vec(),
            None => Vec::new(),
        }
    }

    /// A variable-length value (text, arrays, node trees), detoasted, without its header.
    fn bytes(&self, column: i32) -> Option<Vec<u8>> {
        self.datum(column).map(varlena_bytes)
    }
}

fn varlena_bytes(datum: pg_sys::Datum) -> Vec<u8> {
    // SAFETY: the datum is a varlena; detoasting copies it where it was compressed or stored
    // out of line (the copy is freed with the memory context of the call).
    unsafe {
        let value = pg_sys::pg_detoast_datum_packed(datum.cast_mut_ptr());
        pgrx::varlena::varlena_to_byte_slice(value).to_vec()
    }
}

/// The values of an `oidvector` or `int2vector` (one dimension, no NULLs), from its bytes.
fn vector_values(bytes: &[u8], width: usize) -> Vec<i64> {
    // ndim, dataoffset, elemtype, dim1, lbound1: then the values
    bytes
        .get(20..)
        .unwrap_or_default()
        .chunks_exact(width)
        .map(|c| match width {
            2 => i16::from_ne_bytes([c[0], c[1]]) as i64,
            _ => u32::from_ne_bytes([c[0], c[1], c[2], c[3]]) as i64,
        })
        .collect()
}

/// A fingerprint in the making: every field with its length, so that no two lists of fields
/// hash alike by their concatenation.
#[derive(Default)]
struct Print(DefaultHasher);

impl Print {
    fn bytes(&mut self, value: &[u8]) -> &mut Self {
        self.0.write_u8(1);
        self.0.write_usize(value.len());
        self.0.write(value);
        self
    }

    fn maybe(&mut self, value: Option<&[u8]>) -> &mut Self {
        match value {
            Some(v) => self.bytes(v),
            None => {
                self.0.write_u8(0);
                self
            }
        }
    }

    fn number(&mut self, value: i64) -> &mut Self {
        self.0.write_u8(2);
        self.0.write_i64(value);
        self
    }

    fn finish(&self) -> i64 {
        self.0.finish() as i64
    }
}

/// A column, as much of its row as a print needs.
struct Column {
    number: i16,
    name: Vec<u8>,
    type_oid: u32,
    typmod: i32,
    not_null: bool,
    has_default: bool,
    inherited: bool,
    generated: u8,
    identity: u8,
    storage: u8,
    compression: u8,
    statistics_target: Option<i64>,
    acl: Option<Vec<u8>>,
    collation: u32,
}

struct Constraint {
    oid: u32,
    name: Vec<u8>,
    kind: u8,
    fields: i64,
    key: Vec<u8>,
    inherited_count: i32,
    index: u32,
    references: u32,
    check: Option<Vec<u8>>,
}

struct Index {
    oid: u32,
    fields: i64,
    key_columns: i16,
    key: Vec<u8>,
    classes: Vec<u8>,
    collations: Vec<u8>,
    nulls_not_distinct: bool,
    expressions: Option<Vec<u8>>,
    replica_identity: bool,
    clustered: bool,
}

/// A relation of one of the two schemas.
#[derive(Clone)]
struct Class {
    oid: u32,
    name: Vec<u8>,
    namespace: u32,
    kind: u8,
    fields: i64,
    toast: u32,
    partition: bool,
    of_type: u32,
    access_method: u32,
    tablespace: u32,
    options: Option<Vec<u8>>,
    has_index: bool,
}

/// What both sides read alike: the relations of the two schemas, what extensions own, and the
/// small catalogs read whole.
struct Shared {
    snapshot: pg_sys::Snapshot,
    extension_namespaces: HashSet<u32>,
    classes: HashMap<u32, Class>,
    toast_options: HashMap<u32, Vec<u8>>,
    policies: HashMap<u32, Vec<Policy>>,
    triggers: HashMap<u32, Vec<(Vec<u8>, u32, u8, u32)>>,
    rules: HashMap<u32, Vec<Vec<u8>>>,
    /// Extended statistics: name, OID, target, schema.
    statistics: HashMap<u32, Vec<(Vec<u8>, u32, Option<i64>, u32)>>,
    in_tree: HashSet<u32>,
    rows: TableRows,
    /// Each table's comments and those of its parts: (kind, name or column number, text).
    comments: HashMap<u32, Vec<(u8, Vec<u8>, Vec<u8>)>>,
}

struct Policy {
    oid: u32,
    name: Vec<u8>,
    fields: i64,
    qual: Option<Vec<u8>>,
    check: Option<Vec<u8>>,
}

impl Shared {
    fn read(snapshot: pg_sys::Snapshot, namespaces: [u32; 2]) -> Result<Shared, Error> {
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
struct TableRows {
    columns: HashMap<u32, Vec<Column>>,
    defaults: HashMap<(u32, i16), (u32, Vec<u8>)>,
    constraints: HashMap<u32, Vec<Constraint>>,
    indexes: HashMap<u32, Index>,
    table_indexes: HashMap<u32, Vec<u32>>,
    /// Each identity column's sequence, by what it is made of (`identity_prints`).
    identities: HashMap<(u32, i16), i64>,
    /// Every constraint of the tables, of any kind: (table, name), for their comments.
    constraint_names: HashMap<u32, (u32, Vec<u8>)>,
}

impl TableRows {
    fn read(
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

/// Calls `each` with the rows of `catalog` whose `relid` column is one of `tables`: through
/// `index`, a probe a table, or in one pass over the whole catalog where that reads fewer pages
/// (a probe costs about as much as reading two pages: a large schema, or a small database).
fn rows_of_tables(
    catalog: &Catalog,
    index: u32,
    fixed: &[(i32, u32)],
    relid: i32,
    tables: &[u32],
    all: &HashSet<u32>,
    mut each: impl FnMut(&Row) -> Result<(), Error>,
) -> Result<(), Error> {
    if tables.is_empty() {
        return Ok(());
    }
    // SAFETY: the catalog is open.
    let pages = unsafe {
        pg_sys::RelationGetNumberOfBlocksInFork(catalog.relation, pg_sys::ForkNumber::MAIN_FORKNUM)
    };
    if (pages as usize) < tables.len() * 2 {
        return catalog.scan(None, &[], |row| {
            if all.contains(&row.oid(relid)) && fixed.iter().all(|(c, v)| row.oid(*c) == *v) {
                each(row)
            } else {
                Ok(())
            }
        });
    }
    let mut keys: Vec<(i32, Key)> = fixed.iter().map(|(c, v)| (*c, Key::Oid(*v))).collect();
    keys.push((relid, Key::Oid(0)));
    for table in tables {
        keys.last_mut().expect("the table's key").1 = Key::Oid(*table);
        catalog.scan(Some(index), &keys, &mut each)?;
    }
    Ok(())
}

/// Each identity column's sequence (an internal dependency on the column, found from the
/// sequences' side), by what it is made of: `identity_prints`.
fn identities(
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
fn comments(
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

fn is_table_kind(kind: u8) -> bool {
    matches!(kind, b'r' | b'p' | b'f')
}

/// A stored expression: its tree without layout, and whether it may hold an OID.
struct Tree {
    node: Vec<u8>,
    may_hold_oids: bool,
}

impl Tree {
    fn of(raw: &[u8]) -> Tree {
        let node = strip_node_tree(raw);
        let may_hold_oids = may_hold_oids(&node);
        Tree {
            node,
            may_hold_oids,
        }
    }
}

/// Whether a tree holds a number of 12,000 or more after a space or a parenthesis: what
/// `sql/fingerprints.sql`'s `stripped` matches with `[ (](1[2-9][0-9]{3}|[2-9][0-9]{4}|[1-9][0-9]{5,})`.
pub fn may_hold_oids(node: &[u8]) -> bool {
    node.iter().enumerate().any(|(at, b)| {
        if *b != b' ' && *b != b'(' {
            return false;
        }
        let digits = &node[at + 1..];
        let length = digits.iter().take_while(|c| c.is_ascii_digit()).count();
        match digits {
            [first, ..] if length >= 6 => *first != b'0',
            [first, second, ..] if length == 5 => {
                *first >= b'2' || (*first == b'1' && *second >= b'2')
            }
            _ => false,
        }
    })
}

/// One side: its schema's tables, and what their prints are made of.
struct Side<'a> {
    shared: &'a Shared,
    /// The schema's name.
    schema: Vec<u8>,
    catalogs: RefCell<HashMap<u32, Rc<Catalog>>>,
    namespace: u32,
    types: HashMap<u32, Option<Rc<TypeRow>>>,
    type_prints: HashMap<u32, Option<(Vec<u8>, bool)>>,
    routine_prints: HashMap<u32, Option<(Vec<u8>, bool)>>,
    collations: HashMap<u32, Vec<u8>>,
    deparsed_defaults: HashMap<Vec<u8>, Vec<u8>>,
    /// Each distinct stored tree, stripped, by its text.
    trees: HashMap<Vec<u8>, Rc<Tree>>,
    /// The routines and types each distinct stripped tree (or policy's pair of them) depends
    /// on: `recordDependencyOnExpr` records them from the tree alone, so equal trees have
    /// equal dependencies, and one lookup of `pg_depend` serves them all.
    tree_dependencies: HashMap<Vec<u8>, Rc<(Vec<u32>, Vec<u32>)>>,
}

#[derive(Clone)]
struct TypeRow {
    namespace: u32,
    name: Vec<u8>,
    kind: u8,
    storage: u8,
    collation: u32,
    element: u32,
    array: u32,
    base: u32,
    typmod: i32,
    not_null: bool,
    default: Option<Vec<u8>>,
}

impl<'a> Side<'a> {
    /// A catalog that lookups read, opened once a side.
    fn open(&self, oid: u32) -> Rc<Catalog> {
        self.catalogs
            .borrow_mut()
            .entry(oid)
            .or_insert_with(|| Rc::new(Catalog::open(oid, self.shared.snapshot)))
            .clone()
    }

    fn new(shared: &'a Shared, namespace: u32) -> Side<'a> {
        Side {
            schema: get_name(namespace, pg_sys::get_namespace_name),
            catalogs: RefCell::new(HashMap::new()),
            shared,
            namespace,
            types: HashMap::new(),
            type_prints: HashMap::new(),
            routine_prints: HashMap::new(),
            collations: HashMap::new(),
            deparsed_defaults: HashMap::new(),
            trees: HashMap::new(),
            tree_dependencies: HashMap::new(),
        }
    }

    fn prints(mut self) -> Result<Fingerprints, Error> {
        if self.shared.extension_namespaces.contains(&self.namespace) {
            return Ok(Fingerprints { tables: Vec::new() });
        }
        let snapshot = self.shared.snapshot;
        let mut tables: Vec<&Class> = self
            .shared
            .classes
            .values()
            .filter(|c| c.namespace == self.namespace && is_table_kind(c.kind))
            .collect();
        tables.sort_by_key(|c| c.oid);

        let depend = Catalog::open(PG_DEPEND, snapshot);
        let depend_columns = depend.columns([
            "classid",
            "objid",
            "objsubid",
            "refclassid",
            "refobjid",
            "refobjsubid",
            "deptype",
        ])?;
        let rows = &self.shared.rows;
        let mut prints = Vec::with_capacity(tables.len());
        for table in tables {
            let print = self.table_print(
                table,
                rows.columns
                    .get(&table.oid)
                    .map(Vec::as_slice)
                    .unwrap_or_default(),
                &rows.defaults,
                rows.constraints
                    .get(&table.oid)
                    .map(Vec::as_slice)
                    .unwrap_or_default(),
                &rows.indexes,
                rows.table_indexes
                    .get(&table.oid)
                    .map(Vec::as_slice)
                    .unwrap_or_default(),
                &depend,
                depend_columns,
            )?;
            prints.push(print);
        }
        Ok(Fingerprints { tables: prints })
    }

    /// A reference to another object: by name when it is of this side's schema, else by OID
    /// (the same object on both sides).
    fn reference(&self, print: &mut Print, namespace: u32, name: &[u8], oid: u32) {
        if namespace == self.namespace {
            print.bytes(name);
        } else {
            print.number(oid as i64);
        }
    }

    fn type_row(&mut self, oid: u32) -> Result<Option<Rc<TypeRow>>, Error> {
        if let Some(row) = self.types.get(&oid) {
            return Ok(row.clone());
        }
        let catalog = self.open(PG_TYPE);
        let [
            toid,
            typnamespace,
            typname,
            typtype,
            typstorage,
            typcollation,
            typelem,
            typarray,
            typbasetype,
            typtypmod,
            typnotnull,
            typdefaultbin,
        ] = catalog.columns([
            "oid",
            "typnamespace",
            "typname",
            "typtype",
            "typstorage",
            "typcollation",
            "typelem",
            "typarray",
            "typbasetype",
            "typtypmod",
            "typnotnull",
            "typdefaultbin",
        ])?;
        let mut found = None;
        catalog.scan(Some(TYPE_OID), &[(toid, Key::Oid(oid))], |row| {
            found = Some(Rc::new(TypeRow {
                namespace: row.oid(typnamespace),
                name: row.name(typname),
                kind: row.char(typtype),
                storage: row.char(typstorage),
                collation: row.oid(typcollation),
                element: row.oid(typelem),
                array: row.oid(typarray),
                base: row.oid(typbasetype),
                typmod: row.int4(typtypmod),
                not_null: row.bool(typnotnull),
                default: row.bytes(typdefaultbin),
            }));
            Ok(())
        })?;
        self.types.insert(oid, found.clone());
        Ok(found)
    }

    /// A user type of this side's schema by what it is made of (`type_defs`), and whether it
    /// may be made again for another object's sake. `None` for any other type.
    fn type_print(&mut self, oid: u32) -> Result<Option<(Vec<u8>, bool)>, Error> {
        if let Some(print) = self.type_prints.get(&oid) {
            return Ok(print.clone());
        }
        let print = match self.type_row(oid)? {
            Some(t)
                if t.namespace == self.namespace && matches!(t.kind, b'e' | b'd' | b'c' | b'r') =>
            {
                let mut text = Print::default();
                text.bytes(&t.name).number(t.kind as i64);
                if t.kind == b'e' {
                    let catalog = self.open(PG_ENUM);
                    let [enumtypid, enumlabel] = catalog.columns(["enumtypid", "enumlabel"])?;
                    catalog.scan(
                        Some(ENUM_TYPID_SORTORDER),
                        &[(enumtypid, Key::Oid(oid))],
                        |row| {
                            text.bytes(&row.name(enumlabel));
                            Ok(())
                        },
                    )?;
                }
                if t.kind == b'd' {
                    text.maybe(
                        call(
                            pg_sys::format_type,
                            &[Some(t.base.into()), Some(t.typmod.into())],
                        )
                        .as_deref(),
                    )
                    .number(t.not_null as i64)
                    .number(t.collation as i64);
                    if let Some(default) = &t.default {
                        text.maybe(
                            call(
                                pg_sys::pg_get_expr,
                                &[Some(text_datum(default)), Some(pg_sys::Datum::from(0u32))],
                            )
                            .as_deref(),
                        );
                    }
                    let catalog = self.open(PG_CONSTRAINT);
                    let [coid, conname, convalidated, contypid] =
                        catalog.columns(["oid", "conname", "convalidated", "contypid"])?;
                    let mut checks = Vec::new();
                    catalog.scan(
                        Some(CONSTRAINT_CONTYPID),
                        &[(contypid, Key::Oid(oid))],
                        |row| {
                            let mut check = row.name(conname);
                            check.push(row.bool(convalidated) as u8);
                            check.extend(
                                call(pg_sys::pg_get_constraintdef, &[Some(row.oid(coid).into())])
                                    .unwrap_or_default(),
                            );
                            checks.push(check);
                            Ok(())
                        },
                    )?;
                    checks.sort();
                    for check in &checks {
                        text.bytes(check);
                    }
                }
                let needs_others = !(t.kind == b'e' || (t.kind == b'd' && t.base < 16384));
                Some((text.finish().to_ne_bytes().to_vec(), needs_others))
            }
            _ => None,
        };
        self.type_prints.insert(oid, print.clone());
        Ok(print)
    }

    /// A routine of this side's schema by its definition (`routine_defs`), and whether it
    /// needs a relation or another routine. `None` for a routine of any other schema.
    fn routine_print(
        &mut self,
        oid: u32,
        depend: &Catalog,
        depend_columns: [i32; 7],
    ) -> Result<Option<(Vec<u8>, bool)>, Error> {
        if let Some(print) = self.routine_prints.get(&oid) {
            return Ok(print.clone());
        }
        let catalog = self.open(PG_PROC);
        let [poid, proname, pronamespace, prokind] =
            catalog.columns(["oid", "proname", "pronamespace", "prokind"])?;
        let mut found = None;
        catalog.scan(Some(PROC_OID), &[(poid, Key::Oid(oid))], |row| {
            found = Some((row.name(proname), row.oid(pronamespace), row.char(prokind)));
            Ok(())
        })?;
        drop(catalog);
        let print = match found {
            Some((name, namespace, kind)) if namespace == self.namespace => {
                let mut text = Print::default();
                text.bytes(&name)
                    .number(kind as i64)
                    .maybe(call(pg_sys::pg_get_function_arguments, &[Some(oid.into())]).as_deref())
                    .maybe(call(pg_sys::pg_get_function_result, &[Some(oid.into())]).as_deref());
                if matches!(kind, b'f' | b'p') {
                    let definition =
                        call(pg_sys::pg_get_functiondef, &[Some(oid.into())]).unwrap_or_default();
                    let from = definition.iter().position(|b| *b == b'(').unwrap_or(0);
                    text.bytes(&definition[from..]);
                }
                let [classid, objid, _, refclassid, _, _, deptype] = depend_columns;
                let mut needs_others = false;
                depend.scan(
                    Some(DEPEND_DEPENDER),
                    &[(classid, Key::Oid(PG_PROC)), (objid, Key::Oid(oid))],
                    |row| {
                        if row.char(deptype) == b'n'
                            && matches!(row.oid(refclassid), PG_CLASS | PG_PROC)
                        {
                            needs_others = true;
                        }
                        Ok(())
                    },
                )?;
                Some((text.finish().to_ne_bytes().to_vec(), needs_others))
            }
            _ => None,
        };
        self.routine_prints.insert(oid, print.clone());
        Ok(print)
    }

    /// A collation by what it is made of, less its OID, schema, owner and version (the
    /// query's `collation_prints`): one of another schema by OID.
    fn collation_print(&mut self, oid: u32) -> Result<Vec<u8>, Error> {
        if let Some(print) = self.collations.get(&oid) {
            return Ok(print.clone());
        }
        let catalog = self.open(PG_COLLATION);
        let [coid, collnamespace] = catalog.columns(["oid", "collnamespace"])?;
        let left_out: Vec<i32> = ["oid", "collnamespace", "collowner", "collversion"]
            .iter()
            .filter_map(|name| catalog.column_if(name))
            .collect();
        let mut print = Print::default();
        catalog.scan(Some(COLLATION_OID), &[(coid, Key::Oid(oid))], |row| {
            if row.oid(collnamespace) != self.namespace {
                print.number(oid as i64);
                return Ok(());
            }
            // SAFETY: the open catalog's descriptor, not released here.
            let descriptor = unsafe { pgrx::PgTupleDesc::from_pg_unchecked(row.descriptor) };
            for (i, attribute) in descriptor.iter().enumerate() {
                let column = i as i32 + 1;
                if left_out.contains(&column) || attribute.attisdropped {
                    continue;
                }
                match row.datum(column) {
                    None => print.maybe(None),
                    Some(d) if attribute.attbyval => print.number(d.value() as i64),
                    Some(d) if attribute.attlen == -1 => print.bytes(&varlena_bytes(d)),
                    Some(_) => print.bytes(&row.name(column)),
                };
            }
            Ok(())
        })?;
        let print = print.finish().to_ne_bytes().to_vec();
        self.collations.insert(oid, print.clone());
        Ok(print)
    }

    /// A stored expression's print: its tree, or its deparsed text where it may hold an OID.
    fn expression_print(
        &mut self,
        tree: &Tree,
        deparse: impl FnOnce() -> Option<Vec<u8>>,
    ) -> Option<Vec<u8>> {
        if tree.may_hold_oids {
            deparse()
        } else {
            Some(tree.node.clone())
        }
    }

    /// A stored tree, stripped: once per distinct text.
    fn tree(&mut self, raw: &[u8]) -> Rc<Tree> {
        if let Some(tree) = self.trees.get(raw) {
            return tree.clone();
        }
        let tree = Rc::new(Tree::of(raw));
        self.trees.insert(raw.to_vec(), tree.clone());
        tree
    }

    /// Adds the routines and types that an object (`class`, `object`) whose stored trees strip
    /// to `node` depends on: read from `pg_depend` for the first such object only.
    #[allow(clippy::too_many_arguments)]
    fn dependencies(
        &mut self,
        node: &[u8],
        depend: &Catalog,
        [classid, objid, _, refclassid, refobjid, _, _]: [i32; 7],
        class: u32,
        object: u32,
        routines: &mut Vec<u32>,
        types: &mut Vec<u32>,
    ) -> Result<(), Error> {
        let found = match self.tree_dependencies.get(node) {
            Some(found) => found.clone(),
            None => {
                let mut found = (Vec::new(), Vec::new());
                depend.scan(
                    Some(DEPEND_DEPENDER),
                    &[(classid, Key::Oid(class)), (objid, Key::Oid(object))],
                    |row| {
                        match row.oid(refclassid) {
                            PG_PROC => found.0.push(row.oid(refobjid)),
                            PG_TYPE => found.1.push(row.oid(refobjid)),
                            _ => {}
                        }
                        Ok(())
                    },
                )?;
                let found = Rc::new(found);
                self.tree_dependencies.insert(node.to_vec(), found.clone());
                found
            }
        };
        routines.extend(&found.0);
        types.extend(&found.1);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn table_print(
        &mut self,
        table: &Class,
        columns: &[Column],
        defaults: &HashMap<(u32, i16), (u32, Vec<u8>)>,
        constraints: &[Constraint],
        indexes: &HashMap<u32, Index>,
        own_indexes: &[u32],
        depend: &Catalog,
        depend_columns: [i32; 7],
    ) -> Result<TablePrint, Error> {
        let shared = self.shared;
        let mut routines: Vec<u32> = Vec::new();
        let mut types: Vec<u32> = Vec::new();
        let mut collations: Vec<u32> = Vec::new();
        let mut always_read = shared.in_tree.contains(&table.oid)
            || table.kind == b'p'
            || table.partition
            || table.kind == b'f';

        // columns, in no order (XOR), each with its own number and name
        let mut column_prints = 0i64;
        for column in columns {
            let mut print = Print::default();
            print.number(column.number as i64).bytes(&column.name);
            let column_type = self.type_row(column.type_oid)?;
            match &column_type {
                Some(t) => {
                    self.reference(&mut print, t.namespace, &t.name, column.type_oid);
                    print.number(t.storage as i64);
                }
                None => {
                    print.number(column.type_oid as i64);
                }
            }
            if column.type_oid >= 16384 {
                types.push(column.type_oid);
            }
            if column.collation >= 16384 {
                collations.push(column.collation);
            }
            // the NOT NULL constraint's name, where the server keeps one (18)
            let not_null_name = constraints.iter().find(|k| {
                k.kind == b'n'
                    && vector_values(&k.key, 2) == [column.number as i64]
                    && (k.inherited_count == 0 || column.inherited)
            });
            print
                .number(column.typmod as i64)
                .number(column.not_null as i64)
                .maybe(not_null_name.map(|k| k.name.as_slice()))
                .number(column.generated as i64)
                .number(column.identity as i64)
                .number(column.storage as i64)
                .number(column.compression as i64)
                .number(column.statistics_target.unwrap_or(-1))
                .maybe(column.acl.as_deref());
            let type_collation = column_type.as_ref().map_or(0, |t| t.collation);
            if column.collation != type_collation {
                print.number(1);
                let collation_namespace = collation_namespace(column.collation);
                if collation_namespace == self.namespace {
                    print.bytes(&get_name(column.collation, pg_sys::get_collation_name));
                } else {
                    print.number(column.collation as i64);
                }
            }
            if let Some((default_oid, raw)) = defaults.get(&(table.oid, column.number)) {
                let tree = self.tree(raw);
                let reads_columns = find(raw, b"{VAR ").is_some();
                let relid = table.oid;
                // a default that reads no column is deparsed (once per tree): a constant may
                // hold an OID in its bytes (nextval's regclass), where no number shows it
                let text = if !reads_columns {
                    let key = tree.node.clone();
                    match self.deparsed_defaults.get(&key) {
                        Some(text) => Some(text.clone()),
                        None => {
                            let text = deparse_expression(raw, relid);
                            if let Some(t) = &text {
                                self.deparsed_defaults.insert(key, t.clone());
                            }
                            text
                        }
                    }
                } else {
                    self.expression_print(&tree, || deparse_expression(raw, relid))
                };
                print.maybe(text.as_deref());
                if tree.may_hold_oids {
                    self.dependencies(
                        &tree.node,
                        depend,
                        depend_columns,
                        PG_ATTRDEF,
                        *default_oid,
                        &mut routines,
                        &mut types,
                    )?;
                }
            } else {
                print.maybe(None);
            }
            if column.identity != 0 {
                print.maybe(None).number(
                    self.shared
                        .rows
                        .identities
                        .get(&(table.oid, column.number))
                        .copied()
                        .unwrap_or(0),
                );
            }
            column_prints ^= print.finish();
        }
        if columns.iter().any(|c| c.generated != 0) {
            // what a generation expression calls, recorded from the column on PostgreSQL 14
            let [classid, objid, objsubid, refclassid, refobjid, _, deptype] = depend_columns;
            depend.scan(
                Some(DEPEND_DEPENDER),
                &[(classid, Key::Oid(PG_CLASS)), (objid, Key::Oid(table.oid))],
                |row| {
                    if row.int4(objsubid) > 0
                        && row.char(deptype) == b'a'
                        && row.oid(refclassid) == PG_PROC
                    {
                        routines.push(row.oid(refobjid));
                    }
                    Ok(())
                },
            )?;
        }

        // constraints, in no order
        let mut constraint_prints = 0i64;
        let mut references = Vec::new();
        for constraint in constraints.iter().filter(|k| k.kind != b'n') {
            let mut print = Print::default();
            print.bytes(&constraint.name).number(constraint.fields);
            if constraint.kind == b'f' {
                let (namespace, name) = relation_name(shared, constraint.references);
                self.reference(&mut print, namespace, &name, constraint.references);
                references.push((get_name(namespace, pg_sys::get_namespace_name), name));
            } else {
                print.maybe(None);
            }
            // the index of a key, or the one a foreign key relies on
            match (
                shared.classes.get(&constraint.index),
                indexes.get(&constraint.index),
            ) {
                (Some(class), Some(index)) => {
                    print
                        .bytes(&class.name)
                        .maybe(class.options.as_deref())
                        .bytes(&index.key)
                        .number(index.key_columns as i64)
                        .number(index.nulls_not_distinct as i64)
                        .number(class.tablespace as i64);
                }
                _ => {
                    print.number(constraint.index as i64);
                }
            }
            if constraint.kind == b'x' {
                print.maybe(
                    call(pg_sys::pg_get_constraintdef, &[Some(constraint.oid.into())]).as_deref(),
                );
            } else if let Some(raw) = &constraint.check {
                let tree = self.tree(raw);
                let oid = constraint.oid;
                let text = self.expression_print(&tree, || {
                    call(pg_sys::pg_get_constraintdef, &[Some(oid.into())])
                });
                print.maybe(text.as_deref());
                if tree.may_hold_oids {
                    self.dependencies(
                        &tree.node,
                        depend,
                        depend_columns,
                        PG_CONSTRAINT,
                        oid,
                        &mut routines,
                        &mut types,
                    )?;
                }
            } else {
                print.maybe(None);
            }
            constraint_prints ^= print.finish();
        }

        // indexes, in no order
        let mut index_prints = 0i64;
        let mut index_flags: Vec<Vec<u8>> = Vec::new();
        for oid in own_indexes {
            let (Some(index), Some(class)) = (indexes.get(oid), shared.classes.get(oid)) else {
                always_read = true;
                continue;
            };
            let mut print = Print::default();
            print
                .bytes(&class.name)
                .number(class.access_method as i64)
                .number(index.fields)
                .number(index.nulls_not_distinct as i64)
                .bytes(&index.key)
                .number(index.key_columns as i64)
                .maybe(class.options.as_deref())
                .number(class.tablespace as i64);
            let tree = index.expressions.as_deref().map(|raw| self.tree(raw));
            let server_own = |bytes: &[u8]| vector_values(bytes, 4).iter().all(|v| *v < 12000);
            let deparsed = tree.as_ref().is_some_and(|t| t.may_hold_oids)
                || !matches!(class.access_method, 403 | 405)
                || !server_own(&index.classes)
                || !server_own(&index.collations);
            if deparsed {
                let definition =
                    call(pg_sys::pg_get_indexdef, &[Some(index.oid.into())]).unwrap_or_default();
                let from = find(&definition, b" USING ").unwrap_or(definition.len());
                print.bytes(&definition[from..]);
            } else {
                print
                    .bytes(&index.classes)
                    .bytes(&index.collations)
                    .maybe(tree.as_ref().map(|t| t.node.as_slice()));
            }
            if let Some(tree) = tree.as_ref().filter(|t| t.may_hold_oids) {
                self.dependencies(
                    &tree.node,
                    depend,
                    depend_columns,
                    PG_CLASS,
                    index.oid,
                    &mut routines,
                    &mut types,
                )?;
            }
            if index.replica_identity || index.clustered {
                let mut flag = class.name.clone();
                flag.push(index.replica_identity as u8);
                flag.push(index.clustered as u8);
                index_flags.push(flag);
            }
            index_prints ^= print.finish();
        }
        index_flags.sort();

        // policies, by name
        let mut policy_prints: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        for policy in shared
            .policies
            .get(&table.oid)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let mut print = Print::default();
            print.bytes(&policy.name).number(policy.fields);
            // as a CHECK's: the tree, or deparsed where it may hold an OID
            let mut nodes = Vec::new();
            for raw in [&policy.qual, &policy.check] {
                let Some(raw) = raw else {
                    print.maybe(None);
                    nodes.push(b'-');
                    continue;
                };
                let tree = self.tree(raw);
                let text = self.expression_print(&tree, || deparse_expression(raw, table.oid));
                print.maybe(text.as_deref());
                nodes.extend_from_slice(&tree.node);
                nodes.push(b'|');
            }
            self.dependencies(
                &nodes,
                depend,
                depend_columns,
                PG_POLICY,
                policy.oid,
                &mut routines,
                &mut Vec::new(),
            )?;
            policy_prints.push((policy.name.clone(), print.finish().to_ne_bytes().to_vec()));
        }
        policy_prints.sort();

        // triggers, deparsed, less the table's own qualified name
        let mut trigger_prints: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        if let Some(triggers) = shared.triggers.get(&table.oid) {
            let mut on = b" ON ".to_vec();
            on.extend(quote_identifier(&self.schema));
            on.push(b'.');
            on.extend(quote_identifier(&table.name));
            on.push(b' ');
            for (name, oid, enabled, function) in triggers {
                let definition =
                    call(pg_sys::pg_get_triggerdef, &[Some((*oid).into())]).unwrap_or_default();
                let mut text = vec![*enabled];
                text.extend(replace(&definition, &on, b" "));
                trigger_prints.push((name.clone(), text));
                routines.push(*function);
            }
        }
        trigger_prints.sort();

        let mut rule_names = shared.rules.get(&table.oid).cloned().unwrap_or_default();
        rule_names.sort();
        if !rule_names.is_empty() {
            always_read = true;
        }

        let mut statistics_prints: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        for (name, oid, target, namespace) in shared
            .statistics
            .get(&table.oid)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            // less its own qualified name (the kinds may be left out: all of them)
            let definition =
                call(pg_sys::pg_get_statisticsobjdef, &[Some((*oid).into())]).unwrap_or_default();
            let mut own = b"CREATE STATISTICS ".to_vec();
            own.extend(quote_identifier(&get_name(
                *namespace,
                pg_sys::get_namespace_name,
            )));
            own.push(b'.');
            own.extend(quote_identifier(name));
            own.push(b' ');
            let mut print = Print::default();
            print
                .bytes(name)
                .number(target.unwrap_or(-1))
                .bytes(&replace(&definition, &own, b""));
            statistics_prints.push((name.clone(), print.finish().to_ne_bytes().to_vec()));
        }
        statistics_prints.sort();

        // the routines and user types the table's parts use, by definition
        routines.sort_unstable();
        routines.dedup();
        let mut routine_prints = Vec::new();
        for oid in routines {
            if let Some((print, needs_others)) = self.routine_print(oid, depend, depend_columns)? {
                always_read |= needs_others;
                routine_prints.push(print);
            }
        }
        routine_prints.sort();
        let mut type_oids = Vec::new();
        for oid in types {
            // an array stands for its element type
            let element = match self.type_row(oid)? {
                Some(t) if t.element != 0 => match self.type_row(t.element)? {
                    Some(e) if e.array == oid => t.element,
                    _ => oid,
                },
                _ => oid,
            };
            type_oids.push(element);
        }
        type_oids.sort_unstable();
        type_oids.dedup();
        let mut type_prints = Vec::new();
        for oid in type_oids {
            if let Some((print, needs_others)) = self.type_print(oid)? {
                always_read |= needs_others;
                type_prints.push(print);
            }
        }
        type_prints.sort();
        collations.sort_unstable();
        collations.dedup();
        let mut collation_prints = Vec::new();
        for oid in collations {
            collation_prints.push(self.collation_print(oid)?);
        }
        collation_prints.sort();

        let mut print = Print::default();
        print
            .bytes(&table.name)
            .number(table.fields)
            .maybe(table.options.as_deref())
            .maybe(shared.toast_options.get(&table.toast).map(Vec::as_slice))
            .number(column_prints)
            .number(constraint_prints)
            .number(index_prints)
            .number(table.access_method as i64)
            .number(table.tablespace as i64);
        if table.of_type != 0 {
            match self.type_row(table.of_type)? {
                Some(t) => self.reference(&mut print, t.namespace, &t.name, table.of_type),
                None => {
                    print.number(table.of_type as i64);
                }
            }
        } else {
            print.maybe(None);
        }
        for list in [
            &index_flags,
            &rule_names,
            &routine_prints,
            &type_prints,
            &collation_prints,
        ] {
            print.number(list.len() as i64);
            for item in list {
                print.bytes(item);
            }
        }
        for list in [&policy_prints, &trigger_prints, &statistics_prints] {
            print.number(list.len() as i64);
            for (name, item) in list {
                print.bytes(name).bytes(item);
            }
        }
        let comments = shared
            .comments
            .get(&table.oid)
            .map(Vec::as_slice)
            .unwrap_or_default();
        print.number(comments.len() as i64);
        for (kind, part, text) in comments {
            print.number(*kind as i64).bytes(part).bytes(text);
        }
        if always_read {
            print.number(table.oid as i64);
        }
        Ok(TablePrint {
            schema: String::from_utf8_lossy(&self.schema).into_owned(),
            name: String::from_utf8_lossy(&table.name).into_owned(),
            oid: table.oid,
            print: print.finish(),
            references: references
                .into_iter()
                .map(|(s, n)| {
                    (
                        String::from_utf8_lossy(&s).into_owned(),
                        String::from_utf8_lossy(&n).into_owned(),
                    )
                })
                .collect(),
        })
    }
}

fn relation_name(shared: &Shared, oid: u32) -> (u32, Vec<u8>) {
    match shared.classes.get(&oid) {
        Some(class) => (class.namespace, class.name.clone()),
        // SAFETY: lookups by OID that return NULL (or InvalidOid) for a missing relation.
        None => unsafe {
            let namespace = u32::from(pg_sys::get_rel_namespace(pg_sys::Oid::from(oid)));
            (namespace, get_name(oid, pg_sys::get_rel_name))
        },
    }
}

fn collation_namespace(oid: u32) -> u32 {
    let mut namespace = 0;
    // SAFETY: a syscache lookup, released before return.
    unsafe {
        let tuple = pg_sys::SearchSysCache1(
            pg_sys::SysCacheIdentifier::COLLOID as _,
            pg_sys::Datum::from(oid),
        );
        if !tuple.is_null() {
            let form = pg_sys::heap_tuple_get_struct::<pg_sys::FormData_pg_collation>(tuple);
            namespace = u32::from((*form).collnamespace);
            pg_sys::ReleaseSysCache(tuple);
        }
    }
    namespace
}

/// A name that a lookup by OID returns in palloc'd memory (empty where there is none).
fn get_name(oid: u32, lookup: unsafe fn(pg_sys::Oid) -> *mut std::ffi::c_char) -> Vec<u8> {
    // SAFETY: the lookups return NULL where there is no such object.
    let name = unsafe { lookup(pg_sys::Oid::from(oid)) };
    if name.is_null() {
        return Vec::new();
    }
    // SAFETY: a NUL-terminated string the lookup allocated.
    unsafe { CStr::from_ptr(name) }.to_bytes().to_vec()
}

fn quote_identifier(name: &[u8]) -> Vec<u8> {
    let Ok(name) = std::ffi::CString::new(name) else {
        return name.to_vec();
    };
    // SAFETY: returns its argument or a palloc'd quoted copy, both NUL-terminated.
    unsafe { CStr::from_ptr(pg_sys::quote_identifier(name.as_ptr())) }
        .to_bytes()
        .to_vec()
}

fn text_datum(bytes: &[u8]) -> pg_sys::Datum {
    // SAFETY: copies the bytes into a palloc'd text.
    unsafe {
        pg_sys::Datum::from(pg_sys::cstring_to_text_with_len(
            bytes.as_ptr().cast(),
            bytes.len() as _,
        ))
    }
}

/// `pg_get_expr(tree, relid)`.
fn deparse_expression(tree: &[u8], relid: u32) -> Option<Vec<u8>> {
    call(
        pg_sys::pg_get_expr,
        &[Some(text_datum(tree)), Some(relid.into())],
    )
}

/// Calls one of PostgreSQL's deparsers and copies the text it returns.
fn call(
    function: unsafe fn(pg_sys::FunctionCallInfo) -> pg_sys::Datum,
    arguments: &[Option<pg_sys::Datum>],
) -> Option<Vec<u8>> {
    count(0, 1);
    // SAFETY: the deparsers take these arguments and return text (or NULL).
    unsafe { pgrx::direct_function_call_as_datum(function, arguments) }.map(varlena_bytes)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn replace(text: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find(rest, from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_that_may_be_oids_are_those_of_12000_or_more_after_a_space_or_parenthesis() {
        assert!(may_hold_oids(b"{CONST :consttype 12000 :x 1}"));
        assert!(may_hold_oids(b"(123456)"));
        assert!(may_hold_oids(b" 20000"));
        assert!(!may_hold_oids(b" 11999 "));
        assert!(!may_hold_oids(b" -12000"));
        assert!(!may_hold_oids(b" 01234"));
        assert!(!may_hold_oids(b":x12345"));
        assert!(may_hold_oids(b" 100000"));
        assert!(!may_hold_oids(b"{VAR :varno 1 :varattno 2}"));
    }

    /// `{n}` as an int2[]'s bytes after its header: what a one-column key looks like.
    fn int2_array(column: i16) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(22);
        bytes.extend(1i32.to_ne_bytes()); // ndim
        bytes.extend(0i32.to_ne_bytes()); // dataoffset: no NULLs
        bytes.extend(u32::from(pg_sys::INT2OID).to_ne_bytes());
        bytes.extend(1i32.to_ne_bytes()); // dim1
        bytes.extend(1i32.to_ne_bytes()); // lbound1
        bytes.extend(column.to_ne_bytes());
        bytes
    }

    #[test]
    fn vectors_read_their_values() {
        let mut bytes = int2_array(3);
        bytes.extend(7i16.to_ne_bytes());
        assert_eq!(vector_values(&bytes, 2), vec![3, 7]);
    }

    #[test]
    fn a_name_is_replaced_wherever_it_stands() {
        assert_eq!(replace(b"a ON s.t b ON s.t c", b" ON s.t ", b" "), b"a b c");
    }
}
