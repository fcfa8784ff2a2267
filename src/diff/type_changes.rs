//! What a change of a column's type does: whether every value survives it, whether PostgreSQL
//! writes the table out again for it, and whether the assignment cast converts the values. The
//! types are compared as `format_type` spells them, with their modifiers.

/// True when every value of type `from` converts to `to` unchanged: widening integers,
/// longer strings, more digits. Anything this does not know is treated as able to lose data.
pub fn keeps_every_value(from: &str, to: &str) -> bool {
    if let (Some(a), Some(b)) = (from.strip_suffix("[]"), to.strip_suffix("[]")) {
        return keeps_every_value(a, b);
    }
    let (from_base, from_args) = split_modifiers(from);
    let (to_base, to_args) = split_modifiers(to);
    const STRINGS: [&str; 2] = ["character varying", "text"];
    match (from_base.as_str(), to_base.as_str()) {
        ("smallint", "integer" | "bigint" | "numeric" | "double precision") => to_args.is_empty(),
        ("integer", "bigint" | "numeric" | "double precision") => to_args.is_empty(),
        ("bigint", "numeric") => to_args.is_empty(),
        ("real", "double precision") => true,
        (a, b) if STRINGS.contains(&a) && STRINGS.contains(&b) => {
            to_args.is_empty()
                || (from_args.len() == 1 && to_args.len() == 1 && to_args[0] >= from_args[0])
        }
        ("numeric", "numeric") => match (from_args.as_slice(), to_args.as_slice()) {
            (_, []) => true,
            ([p1], [p2]) => p2 >= p1,
            ([p1, s1], [p2, s2]) => s2 >= s1 && p2 - s2 >= p1 - s1,
            ([p1], [p2, s2]) => p2 - s2 >= *p1,
            _ => false,
        },
        (a, b) if a == b => {
            // same type, other modifiers: only more room keeps every value
            matches!(
                a,
                "character"
                    | "bit varying"
                    | "timestamp without time zone"
                    | "timestamp with time zone"
                    | "time without time zone"
                    | "time with time zone"
                    | "interval"
            ) && from_args.len() == to_args.len()
                && from_args.iter().zip(&to_args).all(|(f, t)| t >= f)
                && !(a == "character" && from_args != to_args)
        }
        _ => false,
    }
}

/// True when `ALTER COLUMN ... TYPE` from `from` to `to` makes PostgreSQL convert every value and
/// write the table out again, as its `ATColumnChangeRequiresRewrite` decides: nothing is
/// rewritten when only the collation changes, when the new type is binary-coercible from the old
/// one (`binary_coercible`, read from the source's `pg_cast`) and takes no modifiers, or when the
/// type stays and its modifiers only make room (see `modifiers_make_room`). Anything else,
/// arrays and domains included, is taken to rewrite.
pub fn rewrites_table(from: &str, to: &str, binary_coercible: &[(String, String)]) -> bool {
    if from == to {
        return false;
    }
    if from.ends_with("[]") || to.ends_with("[]") {
        return true;
    }
    let (from_base, from_args) = split_modifiers(from);
    let (to_base, to_args) = split_modifiers(to);
    if from_base == to_base {
        return !modifiers_make_room(&from_base, &from_args, &to_args);
    }
    let relabelled = binary_coercible
        .iter()
        .any(|(source, target)| *source == from_base && *target == to_base);
    // a binary-coercible type that takes a length still has every value checked against it
    !(relabelled && to_args.is_empty())
}

/// True when a change of modifiers within one type is a relabelling, as the type's length
/// coercion says (`varchar_support`, `numeric_support`, `TemporalSimplify`): a longer or
/// unbounded string or bit string, more digits before the point at the same scale, more
/// fractional digits of seconds.
fn modifiers_make_room(base: &str, from: &[i64], to: &[i64]) -> bool {
    match base {
        "character varying" | "bit varying" => {
            to.is_empty() || (from.len() == 1 && to.len() == 1 && to[0] >= from[0])
        }
        "numeric" => match (from, to) {
            (_, []) => true,
            ([p1, s1], [p2, s2]) => s1 == s2 && p2 >= p1,
            _ => false,
        },
        "timestamp without time zone"
        | "timestamp with time zone"
        | "time without time zone"
        | "time with time zone" => match (from, to) {
            (_, []) => true,
            (_, [p2]) if *p2 >= 6 => true,
            ([p1], [p2]) => p2 >= p1,
            _ => false,
        },
        _ => false,
    }
}

/// True when PostgreSQL converts a `from` value to `to` by an assignment cast, so that ALTER
/// TYPE needs no USING: the same type with other modifiers or collation, any type to a string
/// type (PostgreSQL's I/O conversion to string types is an assignment cast), bit strings to
/// bit strings, and numbers to numbers. Without USING, a value too long for `varchar(n)`,
/// `character(n)` or `bit(n)` makes the statement fail; an explicit cast would cut it. Types
/// this does not know (user types, or a change of array dimensions) keep the explicit cast.
pub fn assignment_converts(from: &str, to: &str) -> bool {
    let (from, to) = match (from.strip_suffix("[]"), to.strip_suffix("[]")) {
        (Some(a), Some(b)) => (a, b),
        (None, None) => (from, to),
        _ => return false,
    };
    let (from_base, _) = split_modifiers(from);
    let (to_base, _) = split_modifiers(to);
    const STRINGS: [&str; 3] = ["character varying", "character", "text"];
    const BITS: [&str; 2] = ["bit", "bit varying"];
    const NUMBERS: [&str; 6] = [
        "smallint",
        "integer",
        "bigint",
        "numeric",
        "real",
        "double precision",
    ];
    let both_in = |family: &[&str]| {
        family.contains(&from_base.as_str()) && family.contains(&to_base.as_str())
    };
    from_base == to_base
        || STRINGS.contains(&to_base.as_str())
        || both_in(&BITS)
        || both_in(&NUMBERS)
}

/// `numeric(10,2)` → (`numeric`, [10, 2]); `timestamp(3) without time zone` →
/// (`timestamp without time zone`, [3]).
fn split_modifiers(type_name: &str) -> (String, Vec<i64>) {
    match (type_name.find('('), type_name.find(')')) {
        (Some(open), Some(close)) if open < close => {
            let args = type_name[open + 1..close]
                .split(',')
                .filter_map(|a| a.trim().parse().ok())
                .collect();
            (
                format!("{}{}", &type_name[..open], &type_name[close + 1..]),
                args,
            )
        }
        _ => (type_name.to_owned(), Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widening_keeps_every_value() {
        assert!(keeps_every_value("integer", "bigint"));
        assert!(keeps_every_value(
            "character varying(10)",
            "character varying(20)"
        ));
        assert!(keeps_every_value("character varying(10)", "text"));
        assert!(keeps_every_value("numeric(10,2)", "numeric(12,2)"));
        assert!(keeps_every_value("numeric(10,2)", "numeric"));
        assert!(keeps_every_value("integer[]", "bigint[]"));
        assert!(keeps_every_value(
            "timestamp(3) without time zone",
            "timestamp(6) without time zone"
        ));
    }

    #[test]
    fn a_change_with_an_assignment_cast_needs_no_using() {
        // an explicit cast would cut a value too long; the assignment cast raises an error
        assert!(assignment_converts(
            "character varying(20)",
            "character varying(15)"
        ));
        assert!(assignment_converts("text", "character(3)"));
        assert!(assignment_converts("integer", "character varying(5)"));
        assert!(assignment_converts(
            "character varying(20)[]",
            "character varying(15)[]"
        ));
        assert!(assignment_converts("bit varying(8)", "bit(4)"));
        assert!(assignment_converts("numeric(10,2)", "integer"));
        assert!(assignment_converts(
            "timestamp(6) without time zone",
            "timestamp(0) without time zone"
        ));
        // no assignment cast: USING spells the cast out
        assert!(!assignment_converts("text", "integer"));
        assert!(!assignment_converts("integer", "bit(8)"));
        assert!(!assignment_converts("text", "mood"));
        assert!(!assignment_converts("text[]", "text"));
        assert!(!assignment_converts("text", "boolean"));
    }

    #[test]
    fn narrowing_or_reinterpreting_can_lose_data() {
        assert!(!keeps_every_value("bigint", "integer"));
        assert!(!keeps_every_value("text", "character varying(10)"));
        assert!(!keeps_every_value(
            "character varying(20)",
            "character varying(10)"
        ));
        assert!(!keeps_every_value("numeric(10,2)", "numeric(10,1)"));
        assert!(!keeps_every_value("numeric(10,2)", "numeric(10,3)"));
        assert!(!keeps_every_value("text", "integer"));
        assert!(!keeps_every_value(
            "timestamp without time zone",
            "timestamp with time zone"
        ));
        assert!(!keeps_every_value("character(5)", "character(10)"));
    }
}
