//! What the diff compares, kind by kind: one list, which the WARNING's hint is made from and
//! the README's table is held to (a test below reads README.md). Everything else a schema can
//! hold is named, object by object, in the WARNING (`sql/catalog.sql`, "ignored"), so that an
//! empty plan always means "equal" or says what it did not look at.

use crate::change::Kind;

/// The kinds the plan makes, alters and drops, as the README's table names them and in its
/// order: every kind of row (`Kind::ALL`), by what the README calls it.
pub fn compared() -> Vec<&'static str> {
    Kind::ALL
        .into_iter()
        .flat_map(readme_names)
        .copied()
        .collect()
}

/// What the README calls the rows of a kind: the plan's settings are not a kind of object, and
/// a policy's rows include those that turn row level security on and off.
fn readme_names(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Setting | Kind::Hook => &[],
        Kind::Policy => &["row level security", "policy"],
        Kind::Statistics => &["extended statistics"],
        Kind::Schema => &["schema"],
        Kind::Extension => &["extension"],
        Kind::ForeignDataWrapper => &["foreign-data wrapper"],
        Kind::Server => &["server"],
        Kind::UserMapping => &["user mapping"],
        Kind::Table => &["table"],
        Kind::Column => &["column"],
        Kind::Constraint => &["constraint"],
        Kind::Index => &["index"],
        Kind::Sequence => &["sequence"],
        Kind::View => &["view"],
        Kind::MaterializedView => &["materialized view"],
        Kind::Function => &["function"],
        Kind::Procedure => &["procedure"],
        Kind::Aggregate => &["aggregate"],
        Kind::Enum => &["enum"],
        Kind::Domain => &["domain"],
        Kind::CompositeType => &["composite type"],
        Kind::RangeType => &["range type"],
        Kind::Collation => &["collation"],
        Kind::Trigger => &["trigger"],
        Kind::EventTrigger => &["event trigger"],
        Kind::Publication => &["publication"],
        Kind::Rule => &["rule"],
        Kind::Comment => &["comment"],
        Kind::Privilege => &["privilege"],
        Kind::DefaultPrivileges => &["default privileges"],
    }
}

/// Kinds named in the WARNING when a compared schema holds one, never compared: the kinds
/// `sql/catalog.sql` gives them. Only the README is held to this list (the catalog query has
/// its own, and `pg_test/coverage.py` makes one object of each and reads the WARNING).
#[cfg_attr(not(test), allow(dead_code))]
pub const NAMED_NOT_COMPARED: &[&str] = &[
    "base type",
    "shell type",
    "operator",
    "operator class",
    "operator family",
    "conversion",
    "text search configuration",
    "text search dictionary",
    "text search parser",
    "text search template",
    "cast",
    "publication table",
    "security label",
    "trigger of a table not compared",
];

/// Properties never compared, for every object: said in the hint and the README.
pub const NEVER_COMPARED: &str =
    "the security labels of roles and databases (owners unless `with_owners`)";

/// The WARNING's hint: what is compared, from the list above.
pub fn hint() -> String {
    format!(
        "Compared: {}. Not compared: the objects listed, and {NEVER_COMPARED}.",
        compared().join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const README: &str = include_str!("../README.md");

    /// The first column of the table under "## What is compared", row by row.
    fn readme_kinds() -> Vec<String> {
        let section = README
            .split("\n## What is compared\n")
            .nth(1)
            .expect("README has a section \"What is compared\"");
        section
            .lines()
            .skip_while(|l| !l.starts_with("| Kind |"))
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .map(|l| l.split('|').nth(1).unwrap_or_default().trim().to_owned())
            .collect()
    }

    #[test]
    fn the_readme_table_lists_exactly_the_kinds_compared_in_order() {
        assert_eq!(readme_kinds(), compared());
    }

    #[test]
    fn the_readme_names_every_kind_left_out_and_what_is_never_compared() {
        let section = README.split("\n## What is compared\n").nth(1).unwrap();
        for kind in NAMED_NOT_COMPARED {
            assert!(
                section.contains(&format!("`{kind}`")),
                "the README does not name `{kind}`"
            );
        }
        assert!(section.contains(NEVER_COMPARED));
    }

    #[test]
    fn the_hint_lists_every_kind_compared() {
        assert!(compared().iter().all(|kind| hint().contains(kind)));
    }
}
