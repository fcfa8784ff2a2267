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
use std::collections::HashMap;
use std::rc::Rc;

use pgrx::pg_sys;

use super::catalog_scan::{
    COLLATION_OID, CONSTRAINT_CONTYPID, Catalog, DEPEND_DEPENDER, ENUM_TYPID_SORTORDER, Key,
    PG_ATTRDEF, PG_CLASS, PG_COLLATION, PG_CONSTRAINT, PG_DEPEND, PG_ENUM, PG_POLICY, PG_PROC,
    PG_TYPE, PROC_OID, TYPE_OID, call, deparse_expression, find, get_name, internal,
    quote_identifier, replace, start_counting, text_datum, varlena_bytes, vector_values, work,
};
use super::fingerprint_rows::{Class, Column, Constraint, Index, Print, Shared, is_table_kind};
use crate::error::Error;
use crate::fingerprints::{Fingerprints, TablePrint, strip_node_tree};

/// Reads the fingerprints of the tables of two schemas (by OID) of this database under
/// `snapshot`. `under_side(i)` sets side `i`'s search_path, under which its deparsers run.
/// Says at DEBUG1 how much work it took (`pg_test/linearity.py` holds it to linear growth).
pub fn read_pair(
    snapshot: pg_sys::Snapshot,
    namespaces: [u32; 2],
    under_side: impl FnMut(usize) -> Result<(), Error>,
) -> Result<[Fingerprints; 2], Error> {
    start_counting();
    let read = read_both(snapshot, namespaces, under_side);
    let (rows, calls) = work();
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
}
