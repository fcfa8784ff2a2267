//! What the fingerprint query calls when this extension runs it (`crate::fingerprints`).

use pgrx::prelude::*;

/// `tree` (a stored expression's `pg_node_tree` as text) without the fields that the statement's
/// layout and the column's own type decide: the same text as the `regexp_replace` that a remote
/// server's fingerprint query runs, made faster. Bytes in and out, so that no server encoding
/// is refused.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_strip_node_tree(tree text)
RETURNS text
IMMUTABLE STRICT PARALLEL SAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_strip_node_tree_wrapper';
"#)]
fn migra_strip_node_tree(tree: &[u8]) -> Vec<u8> {
    crate::fingerprints::strip_node_tree(tree)
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::prelude::*;

    /// Every stored expression of a schema with defaults, CHECKs, generated columns, identity
    /// columns and index expressions, laid out in odd ways: the function and the regular
    /// expression give the same text for each.
    #[pg_test]
    fn the_function_strips_trees_as_the_regular_expression_does() {
        Spi::run(
            "create schema strip_trees;
             create type strip_trees.mood as enum ('ok', 'sad');
             create table strip_trees.t (
               id int generated always as identity primary key,
               a   int   default   42,
               b text default 'é' || chr(955) check (length(b) > -1),
               c numeric(10, 2) generated always as (a * 2.5) stored,
               d strip_trees.mood default 'ok'::strip_trees.mood,
               e timestamptz default now(),
               f int[] default array[-1, 2, -3]);
             create index on strip_trees.t ((lower(b)), (a + -7)) where a > -100 and c < 12345;",
        )
        .unwrap();
        let (differing, located) = Spi::get_two::<i64, i64>(
            "with trees as (
               select adbin::text as tree from pg_attrdef
               union all select conbin::text from pg_constraint where conbin is not null
               union all select indexprs::text from pg_index where indexprs is not null
               union all select indpred::text from pg_index where indpred is not null)
             select count(*) filter (where migra_strip_node_tree(tree) is distinct from
                                       regexp_replace(tree, ' :(location|vartype|vartypmod|varcollid) -?[0-9]+', '', 'g')),
                    count(*) filter (where tree ~ ' :location -?[0-9]')
             from trees",
        )
        .unwrap();
        assert_eq!(differing, Some(0));
        // some had a location to take out (-1 from PostgreSQL 17 on, which no longer keeps them)
        assert!(located.unwrap() > 5, "{located:?}");
    }
}
