//! Which tables a diff reads in full.
//!
//! Deparsing every column default, constraint and index of both sides is most of a diff's time
//! (PostgreSQL's deparsers, and the document they fill). Two schemas that are compared mostly
//! hold the same tables, so a diff first reads a fingerprint of each table (`sql/fingerprints.sql`:
//! a hash of the catalog fields its document is made from, with other objects' OIDs replaced by
//! their names) and then reads in full only the tables whose fingerprints differ, those on one
//! side only, and those whose foreign keys reference one of these (a key they rely on may be made
//! again). A table left out is left out of both sides, so the diff sees nothing to do for it:
//! which is what its full documents would have shown.
//!
//! Both reads run under one snapshot. `SET migra.fingerprints = off` reads every table in full.

use std::collections::{BTreeMap, BTreeSet};

use pgrx::{GucContext, GucFlags, GucRegistry, GucSetting};
use serde::Deserialize;

static ENABLED: GucSetting<bool> = GucSetting::<bool>::new(true);

pub fn define_setting() {
    GucRegistry::define_bool_guc(
        c"migra.fingerprints",
        c"Reads in full only the tables whose fingerprints differ between the two sides.",
        c"On by default. Off, a diff deparses every table of both sides, as snapshots do: slower on large schemas, and the same plan.",
        &ENABLED,
        GucContext::Userset,
        GucFlags::default(),
    );
}

pub fn enabled() -> bool {
    ENABLED.get()
}

/// The oldest server whose fingerprints we read: `hash_record_extended` came in PostgreSQL 14.
const OLDEST_SERVER: i32 = 140000;
/// The first server whose catalogs nobody has checked the fingerprint against: a field it adds
/// would be missed, so it is read in full.
const NEWEST_SERVER_AFTER: i32 = 190000;

/// Fingerprints can be compared between servers of these versions: the same major version, one
/// whose catalogs the fingerprint query knows.
pub fn comparable(versions: &[i32]) -> bool {
    versions
        .iter()
        .all(|v| (OLDEST_SERVER..NEWEST_SERVER_AFTER).contains(v))
        && versions
            .windows(2)
            .all(|pair| pair[0] / 10000 == pair[1] / 10000)
}

/// The fingerprint query for a server of this version (`for_version`). `None` when
/// fingerprints cannot be read.
pub fn query_for(server_version_num: i32) -> Option<String> {
    if !comparable(&[server_version_num]) {
        return None;
    }
    for_version(FINGERPRINTS_SQL, server_version_num)
}

/// `text` for a server of this version: `{{version field | otherwise}}` becomes `field` on that
/// version and later, `otherwise` before (each on one line). `None` when a part is malformed.
pub fn for_version(sql: &str, server_version_num: i32) -> Option<String> {
    let mut text = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(start) = rest.find("{{") {
        text.push_str(&rest[..start]);
        let end = start + rest[start..].find("}}")?;
        let (since, choice) = rest[start + 2..end].split_once(' ')?;
        let (field, otherwise) = choice.split_once(" | ")?;
        text.push_str(if server_version_num >= since.parse::<i32>().ok()? {
            field
        } else {
            otherwise
        });
        rest = &rest[end + 2..];
    }
    text.push_str(rest);
    Some(text)
}

pub const FINGERPRINTS_SQL: &str = include_str!("../sql/fingerprints.sql");

/// What `sql/fingerprints.sql` returns (its `server_version_num` was asked before).
#[derive(Debug, Clone, Deserialize)]
pub struct Fingerprints {
    pub tables: Vec<TablePrint>,
}

/// One table: `[schema, name, oid, fingerprint, [[schema, table] its foreign keys reference]]`.
#[derive(Debug, Clone, Deserialize)]
pub struct TablePrint {
    pub schema: String,
    pub name: String,
    pub oid: u32,
    pub print: i64,
    pub references: Vec<(String, String)>,
}

/// How the tables of two sides pair up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pairing {
    /// One schema against another: by table name.
    Schemas,
    /// Whole databases: by schema and table name.
    Databases,
}

type Key = (Option<String>, String);

impl Pairing {
    fn key(self, table: &TablePrint) -> Key {
        match self {
            Pairing::Schemas => (None, table.name.clone()),
            Pairing::Databases => (Some(table.schema.clone()), table.name.clone()),
        }
    }

    /// The key of a referenced table; `None` for a table of another schema when one schema is
    /// compared with another (it is not read, and is the same object on both sides).
    fn reference_key(self, table: &TablePrint, (schema, name): &(String, String)) -> Option<Key> {
        match self {
            Pairing::Schemas => (*schema == table.schema).then(|| (None, name.clone())),
            Pairing::Databases => Some((Some(schema.clone()), name.clone())),
        }
    }
}

/// The OIDs of the tables each side must read in full: those whose fingerprints differ or that
/// one side lacks, and those with a foreign key to one of them.
pub fn tables_to_read(sides: [&Fingerprints; 2], pairing: Pairing) -> [Vec<u32>; 2] {
    let by_key = sides.map(|side| {
        side.tables
            .iter()
            .map(|t| (pairing.key(t), t))
            .collect::<BTreeMap<_, _>>()
    });
    let mut read: BTreeSet<&Key> = BTreeSet::new();
    for (this, other) in [(&by_key[0], &by_key[1]), (&by_key[1], &by_key[0])] {
        for (key, table) in this {
            if other.get(key).is_none_or(|o| o.print != table.print) {
                read.insert(key);
            }
        }
    }
    let changed = read.clone();
    let mut referencing = Vec::new();
    for (side, tables) in sides.iter().zip(&by_key) {
        for table in &side.tables {
            let references_changed = table
                .references
                .iter()
                .filter_map(|r| pairing.reference_key(table, r))
                .any(|r| changed.contains(&r));
            if references_changed {
                referencing.extend(tables.get_key_value(&pairing.key(table)).map(|(k, _)| k));
            }
        }
    }
    read.extend(referencing);
    [0, 1].map(|i| {
        sides[i]
            .tables
            .iter()
            .filter(|t| read.contains(&pairing.key(t)))
            .map(|t| t.oid)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, print: i64, references: &[&str]) -> TablePrint {
        TablePrint {
            schema: "s".into(),
            name: name.into(),
            oid: print as u32,
            print,
            references: references
                .iter()
                .map(|r| ("s".to_owned(), (*r).to_owned()))
                .collect(),
        }
    }

    fn side(tables: Vec<TablePrint>) -> Fingerprints {
        Fingerprints { tables }
    }

    #[test]
    fn only_tables_that_differ_and_those_that_reference_them_are_read() {
        let from = side(vec![
            table("kept", 1, &[]),
            table("changed", 2, &[]),
            table("child", 3, &["changed"]),
            table("gone", 4, &[]),
            table("unrelated", 5, &["kept"]),
        ]);
        let mut to = side(vec![
            table("kept", 1, &[]),
            table("changed", 20, &[]),
            table("child", 3, &["changed"]),
            table("new", 6, &[]),
            table("unrelated", 5, &["kept"]),
        ]);
        to.tables[2].oid = 30;
        let [a, b] = tables_to_read([&from, &to], Pairing::Schemas);
        assert_eq!(a, vec![2, 3, 4]);
        assert_eq!(b, vec![20, 30, 6]);
    }

    #[test]
    fn tables_pair_by_schema_too_when_databases_are_compared() {
        let mut other = table("t", 1, &[]);
        other.schema = "other".into();
        let [a, b] = tables_to_read(
            [&side(vec![table("t", 1, &[])]), &side(vec![other])],
            Pairing::Databases,
        );
        assert_eq!((a, b), (vec![1], vec![1]));
        let [a, b] = tables_to_read(
            [
                &side(vec![table("t", 1, &[])]),
                &side(vec![table("t", 1, &[])]),
            ],
            Pairing::Databases,
        );
        assert!(a.is_empty() && b.is_empty());
    }

    #[test]
    fn versions_must_share_a_major_version_the_query_knows() {
        assert!(comparable(&[150020, 150017]));
        assert!(!comparable(&[150020, 160001]));
        assert!(!comparable(&[130011, 130011]));
        assert!(!comparable(&[190000, 190000]));
    }

    #[test]
    fn each_version_gets_its_own_fields() {
        let pg14 = query_for(140010).unwrap();
        let pg18 = query_for(180001).unwrap();
        assert!(!pg14.contains("{{") && !pg18.contains("{{"));
        assert!(!pg14.contains("indnullsnotdistinct") && pg18.contains("i.indnullsnotdistinct"));
        assert!(
            pg18.contains("k.conenforced") && !query_for(170000).unwrap().contains("conenforced")
        );
        assert!(query_for(130000).is_none());
    }

    #[test]
    fn the_catalog_query_reads_publications_column_lists_filters_and_schemas_from_15() {
        let pg14 = crate::catalog::query_for(140010).unwrap();
        let pg15 = crate::catalog::query_for(150000).unwrap();
        assert!(!pg14.contains("{{") && !pg15.contains("{{"));
        for field in ["pr.prattrs", "pr.prqual", "pg_publication_namespace"] {
            assert!(!pg14.contains(field) && pg15.contains(field), "{field}");
        }
        assert!(crate::catalog::query_for(110000).is_err());
    }

    #[test]
    fn both_queries_select_tables_with_the_same_text() {
        let relations = |text: &'static str| {
            let start = text.find("-- relations: from here").unwrap();
            &text[start..text.find("-- relations end").unwrap()]
        };
        assert_eq!(
            relations(FINGERPRINTS_SQL),
            relations(crate::catalog::CATALOG_SQL)
        );
    }
}
