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

use pgrx::{GucContext, GucFlags, GucRegistry, GucSetting, PostgresGucEnum};
use serde::Deserialize;

static ENABLED: GucSetting<bool> = GucSetting::<bool>::new(true);
static READER: GucSetting<ReaderKind> = GucSetting::<ReaderKind>::new(ReaderKind::Scan);

/// How the fingerprints of two schemas of this database are read (`migra.fingerprint_reader`).
/// Whole databases and remote sides are always read by the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PostgresGucEnum)]
pub enum ReaderKind {
    /// From the catalogs by scans in Rust (`catalog::fingerprint_scan`).
    #[name = c"scan"]
    Scan,
    /// By `sql/fingerprints.sql`, as on a remote server.
    #[name = c"query"]
    Query,
}

pub fn define_setting() {
    GucRegistry::define_bool_guc(
        c"migra.fingerprints",
        c"Reads in full only the tables whose fingerprints differ between the two sides.",
        c"On by default. Off, a diff deparses every table of both sides, as snapshots do: slower on large schemas, and the same plan.",
        &ENABLED,
        GucContext::Userset,
        GucFlags::default(),
    );
    GucRegistry::define_enum_guc(
        c"migra.fingerprint_reader",
        c"How the fingerprints of two schemas of this database are read: scan or query.",
        c"scan (the default) reads the catalogs in Rust; query runs sql/fingerprints.sql, as for whole databases and remote servers. Both give the same tables to read in full.",
        &READER,
        GucContext::Userset,
        GucFlags::default(),
    );
}

pub fn enabled() -> bool {
    ENABLED.get()
}

pub fn reader() -> ReaderKind {
    READER.get()
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

/// How `sql/fingerprints.sql` strips a stored expression's tree, in the form every server can
/// run (a remote one has no migra).
const STRIP_IN_SQL: &str = "pg_catalog.regexp_replace(r.raw, ' :(location|vartype|vartypmod|varcollid) -?[0-9]+', '', 'g')";

/// The fields of a stored expression's tree that the statement's layout or the column's own type
/// decide, which `strip_node_tree` takes out.
const STRIPPED_FIELDS: [&[u8]; 4] = [b"location", b"vartype", b"vartypmod", b"varcollid"];

/// The fingerprint query for this server when this extension runs it: the same as `query_for`,
/// but its trees stripped by `migra_strip_node_tree` in `extension_schema` (quoted), the same
/// text as PostgreSQL's `regexp_replace` gives, about twenty times faster (a regular expression
/// over every default, CHECK and index expression was an eighth of the query's time).
pub fn local_query_for(server_version_num: i32, extension_schema: &str) -> Option<String> {
    let query = query_for(server_version_num)?;
    let local = format!("{extension_schema}.migra_strip_node_tree(r.raw)");
    (query.matches(STRIP_IN_SQL).count() == 1).then(|| query.replace(STRIP_IN_SQL, &local))
}

/// `tree` (a `pg_node_tree`'s text) without its `:location`, `:vartype`, `:vartypmod` and
/// `:varcollid` fields: exactly what `regexp_replace(tree, ' :(location|vartype|vartypmod|varcollid)
/// -?[0-9]+', '', 'g')` gives, scanned once. A field is taken out with the space before it, only
/// when one space and a number follow its name. Bytes, not `str`: only ASCII is taken out, which
/// no server encoding uses within a character, so the rest stays as it was in any of them.
pub fn strip_node_tree(tree: &[u8]) -> Vec<u8> {
    let mut kept = Vec::with_capacity(tree.len());
    let mut copied_to = 0;
    let mut at = 0;
    while let Some(found) = find(&tree[at..], b" :") {
        let start = at + found;
        match stripped_field_end(&tree[start + 2..]) {
            Some(length) => {
                kept.extend_from_slice(&tree[copied_to..start]);
                copied_to = start + 2 + length;
                at = copied_to;
            }
            None => at = start + 1,
        }
    }
    kept.extend_from_slice(&tree[copied_to..]);
    kept
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The length of `name -?[0-9]+` at the start of `rest` when `name` is a stripped field.
fn stripped_field_end(rest: &[u8]) -> Option<usize> {
    let name = STRIPPED_FIELDS
        .iter()
        .find(|name| rest.starts_with(name) && rest.get(name.len()) == Some(&b' '))?;
    let number = &rest[name.len() + 1..];
    let sign = usize::from(number.first() == Some(&b'-'));
    let digits = number[sign..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (digits > 0).then_some(name.len() + 1 + sign + digits)
}

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
    fn a_tree_loses_its_layout_and_the_types_of_its_columns() {
        let tree = "({FUNCEXPR :funcid 1574 :funcresulttype 20 :args ({CONST :consttype 2205 \
                    :constlen 4 :constvalue 4 [ 1 64 0 0 ] :location 66}) :location 58} \
                    {VAR :varno 1 :varattno 2 :vartype 23 :vartypmod -1 :varcollid 0 :varlevelsup 0 \
                    :location -1})";
        assert_eq!(
            String::from_utf8(strip_node_tree(tree.as_bytes())).unwrap(),
            "({FUNCEXPR :funcid 1574 :funcresulttype 20 :args ({CONST :consttype 2205 \
             :constlen 4 :constvalue 4 [ 1 64 0 0 ]})} \
             {VAR :varno 1 :varattno 2 :varlevelsup 0})"
        );
    }

    #[test]
    fn only_those_fields_followed_by_a_number_are_taken_out() {
        for (tree, stripped) in [
            // other fields, and names that only begin like a stripped one
            (
                " :locations 5 :vartypes 1 :collid 100",
                " :locations 5 :vartypes 1 :collid 100",
            ),
            // no number, a sign alone, no space, two spaces: left as they are
            (
                " :location <> :location - :location5 :location  7",
                " :location <> :location - :location5 :location  7",
            ),
            // the whole number goes, the rest of the word stays
            (" :location -12x :vartypmod 0}", "x}"),
            // back to back, and at the very end
            (" :location 1 :location 2", ""),
            (" :varcollid 950", ""),
            // a field within a field's text that failed
            (" : :location 3)", " :)"),
            (
                "{CONST :constvalue 5 [ 108 111 99 ]}",
                "{CONST :constvalue 5 [ 108 111 99 ]}",
            ),
            ("é :location 4 ü", "é ü"),
            ("", ""),
        ] {
            let kept = strip_node_tree(tree.as_bytes());
            assert_eq!(String::from_utf8(kept).unwrap(), stripped, "{tree}");
        }
    }

    #[test]
    fn a_local_read_strips_trees_in_rust_and_reads_the_same_otherwise() {
        assert_eq!(FINGERPRINTS_SQL.matches(STRIP_IN_SQL).count(), 1);
        let remote = query_for(150000).unwrap();
        let local = local_query_for(150000, "\"my schema\"").unwrap();
        assert!(!local.contains("regexp_replace(r.raw"));
        assert_eq!(
            local.replace("\"my schema\".migra_strip_node_tree(r.raw)", STRIP_IN_SQL),
            remote
        );
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
