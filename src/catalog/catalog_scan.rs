//! Catalog rows read by scans (`systable_beginscan`) under a snapshot, for the fingerprint scan
//! (`fingerprint_scan`): the catalogs by OID, a row's fields by column name, a catalog read
//! through its index a table at a time or whole, and calls of PostgreSQL's deparsers.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ffi::CStr;

use pgrx::pg_sys;

use crate::error::Error;

// Catalogs and their indexes, by OID: fixed by every PostgreSQL since 9 (a #[pg_test] checks
// them against the server's names). Not all are in pgrx's bindings.
pub const PG_CLASS: u32 = 1259;
pub const PG_ATTRIBUTE: u32 = 1249;
pub const PG_ATTRDEF: u32 = 2604;
pub const PG_CONSTRAINT: u32 = 2606;
pub const PG_INDEX: u32 = 2610;
pub const PG_TRIGGER: u32 = 2620;
pub const PG_POLICY: u32 = 3256;
pub const PG_REWRITE: u32 = 2618;
pub const PG_STATISTIC_EXT: u32 = 3381;
pub const PG_INHERITS: u32 = 2611;
pub const PG_DEPEND: u32 = 2608;
pub const PG_TYPE: u32 = 1247;
pub const PG_ENUM: u32 = 3501;
pub const PG_SEQUENCE: u32 = 2224;
pub const PG_COLLATION: u32 = 3456;
pub const PG_PROC: u32 = 1255;
pub const PG_NAMESPACE: u32 = 2615;
pub const PG_EXTENSION: u32 = 3079;
pub const PG_DESCRIPTION: u32 = 2609;
pub const ATTRIBUTE_RELID_ATTNUM: u32 = 2659;
pub const ATTRDEF_ADRELID_ADNUM: u32 = 2656;
pub const CONSTRAINT_CONRELID_CONTYPID_CONNAME: u32 = 2665;
pub const CONSTRAINT_CONTYPID: u32 = 2666;
pub const INDEX_INDRELID: u32 = 2678;
pub const DEPEND_DEPENDER: u32 = 2673;
pub const DEPEND_REFERENCE: u32 = 2674;
pub const TYPE_OID: u32 = 2703;
pub const ENUM_TYPID_SORTORDER: u32 = 3534;
pub const SEQUENCE_SEQRELID: u32 = 5002;
pub const COLLATION_OID: u32 = 3085;
pub const PROC_OID: u32 = 2690;
pub const DESCRIPTION_OBJOID_CLASSOID_OBJSUBID: u32 = 2675;

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

/// Starts counting a read's work.
pub fn start_counting() {
    WORK.with(|w| w.set((0, 0)));
}

/// The work counted since `start_counting`: catalog rows fetched, deparser calls.
pub fn work() -> (u64, u64) {
    WORK.with(|w| w.get())
}

pub fn internal(what: &str) -> Error {
    Error::Catalog(format!("the fingerprint scan: {what}"))
}

/// An open catalog and the numbers of the columns read from it.
pub struct Catalog {
    pub relation: pg_sys::Relation,
    pub snapshot: pg_sys::Snapshot,
    pub numbers: RefCell<HashMap<&'static str, Option<i32>>>,
}

impl Catalog {
    pub fn open(oid: u32, snapshot: pg_sys::Snapshot) -> Catalog {
        // SAFETY: a transaction is running; the lock is the one every catalog read takes.
        let relation =
            unsafe { pg_sys::table_open(pg_sys::Oid::from(oid), pg_sys::AccessShareLock as _) };
        Catalog {
            relation,
            snapshot,
            numbers: RefCell::new(HashMap::new()),
        }
    }

    pub fn descriptor(&self) -> pg_sys::TupleDesc {
        // SAFETY: the relation is open.
        unsafe { (*self.relation).rd_att }
    }

    /// The column's number, `None` where this server's catalog lacks it.
    pub fn column_if(&self, name: &'static str) -> Option<i32> {
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

    pub fn columns<const N: usize>(&self, names: [&'static str; N]) -> Result<[i32; N], Error> {
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
    pub fn scan(
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
            pub struct EndScan(pg_sys::SysScanDesc);
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
pub enum Key {
    Oid(u32),
}

/// One catalog row, valid while its scan stands on it.
pub struct Row {
    pub tuple: pg_sys::HeapTuple,
    pub descriptor: pg_sys::TupleDesc,
}

impl Row {
    pub fn datum(&self, column: i32) -> Option<pg_sys::Datum> {
        let mut is_null = false;
        // SAFETY: the tuple is the scan's current one, and the descriptor its catalog's.
        let datum =
            unsafe { pg_sys::heap_getattr(self.tuple, column, self.descriptor, &mut is_null) };
        (!is_null).then_some(datum)
    }

    pub fn oid(&self, column: i32) -> u32 {
        self.datum(column).map_or(0, |d| d.value() as u32)
    }

    pub fn bool(&self, column: i32) -> bool {
        self.datum(column).is_some_and(|d| d.value() & 0xff != 0)
    }

    pub fn char(&self, column: i32) -> u8 {
        self.datum(column).map_or(0, |d| d.value() as u8)
    }

    pub fn int2(&self, column: i32) -> i16 {
        self.datum(column).map_or(0, |d| d.value() as i16)
    }

    pub fn int4(&self, column: i32) -> i32 {
        self.datum(column).map_or(0, |d| d.value() as i32)
    }

    pub fn int8(&self, column: i32) -> i64 {
        self.datum(column).map_or(0, |d| d.value() as i64)
    }

    pub fn name(&self, column: i32) -> Vec<u8> {
        match self.datum(column) {
            // SAFETY: a name column's datum points at a NUL-terminated NameData.
            Some(d) => unsafe { CStr::from_ptr(d.cast_mut_ptr::<std::ffi::c_char>()) }
                .to_bytes()
                .to_vec(),
            None => Vec::new(),
        }
    }

    /// A variable-length value (text, arrays, node trees), detoasted, without its header.
    pub fn bytes(&self, column: i32) -> Option<Vec<u8>> {
        self.datum(column).map(varlena_bytes)
    }
}

pub fn varlena_bytes(datum: pg_sys::Datum) -> Vec<u8> {
    // SAFETY: the datum is a varlena; detoasting copies it where it was compressed or stored
    // out of line (the copy is freed with the memory context of the call).
    unsafe {
        let value = pg_sys::pg_detoast_datum_packed(datum.cast_mut_ptr());
        pgrx::varlena::varlena_to_byte_slice(value).to_vec()
    }
}

/// The values of an `oidvector` or `int2vector` (one dimension, no NULLs), from its bytes.
pub fn vector_values(bytes: &[u8], width: usize) -> Vec<i64> {
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

/// Calls `each` with the rows of `catalog` whose `relid` column is one of `tables`: through
/// `index`, a probe a table, or in one pass over the whole catalog where that reads fewer pages
/// (a probe costs about as much as reading two pages: a large schema, or a small database).
pub fn rows_of_tables(
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

/// A name that a lookup by OID returns in palloc'd memory (empty where there is none).
pub fn get_name(oid: u32, lookup: unsafe fn(pg_sys::Oid) -> *mut std::ffi::c_char) -> Vec<u8> {
    // SAFETY: the lookups return NULL where there is no such object.
    let name = unsafe { lookup(pg_sys::Oid::from(oid)) };
    if name.is_null() {
        return Vec::new();
    }
    // SAFETY: a NUL-terminated string the lookup allocated.
    unsafe { CStr::from_ptr(name) }.to_bytes().to_vec()
}

pub fn quote_identifier(name: &[u8]) -> Vec<u8> {
    let Ok(name) = std::ffi::CString::new(name) else {
        return name.to_vec();
    };
    // SAFETY: returns its argument or a palloc'd quoted copy, both NUL-terminated.
    unsafe { CStr::from_ptr(pg_sys::quote_identifier(name.as_ptr())) }
        .to_bytes()
        .to_vec()
}

pub fn text_datum(bytes: &[u8]) -> pg_sys::Datum {
    // SAFETY: copies the bytes into a palloc'd text.
    unsafe {
        pg_sys::Datum::from(pg_sys::cstring_to_text_with_len(
            bytes.as_ptr().cast(),
            bytes.len() as _,
        ))
    }
}

/// `pg_get_expr(tree, relid)`.
pub fn deparse_expression(tree: &[u8], relid: u32) -> Option<Vec<u8>> {
    call(
        pg_sys::pg_get_expr,
        &[Some(text_datum(tree)), Some(relid.into())],
    )
}

/// Calls one of PostgreSQL's deparsers and copies the text it returns.
pub fn call(
    function: unsafe fn(pg_sys::FunctionCallInfo) -> pg_sys::Datum,
    arguments: &[Option<pg_sys::Datum>],
) -> Option<Vec<u8>> {
    count(0, 1);
    // SAFETY: the deparsers take these arguments and return text (or NULL).
    unsafe { pgrx::direct_function_call_as_datum(function, arguments) }.map(varlena_bytes)
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub fn replace(text: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
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
