//! CREATE, ALTER and DROP of enums, domains, composite and range types.

use super::{Cx, quote_ident, quote_literal};
use crate::change::{Arity, DomainChange, Position, SetAside, set_aside_name};
use crate::model::{Attribute, DomainConstraint, Range, Type, TypeDefinition};

/// `TYPE` or `DOMAIN`: the word ALTER and DROP take.
fn word(definition: &TypeDefinition) -> &'static str {
    match definition {
        TypeDefinition::Domain(_) => "DOMAIN",
        TypeDefinition::Enum { .. }
        | TypeDefinition::Composite { .. }
        | TypeDefinition::Range { .. } => "TYPE",
    }
}

/// The type as it is made; a domain's `NOT VALID` constraints are added after it, since CREATE
/// DOMAIN takes none. `beside_set_aside`: the type made again while the one it replaces is set
/// aside. PostgreSQL 17 and later keep a domain's NOT NULL as a constraint named
/// `<domain>_not_null`, which the set-aside domain still holds, and a name is chosen unique in
/// the schema: the new domain's would be `..._not_null1` unless it is named. Earlier versions
/// take the name and keep none.
pub fn create(cx: &Cx, ty: &Type, beside_set_aside: bool) -> String {
    create_domain_or_type(cx, ty, beside_set_aside)
}

/// The name PostgreSQL gives a domain's NOT NULL constraint (`makeObjectName`): the domain's
/// name, cut at a character boundary so that the whole fits in 63 bytes, then `_not_null`.
pub fn default_not_null_name(domain: &str) -> String {
    const LABEL: &str = "_not_null";
    let mut end = domain.len().min(63 - LABEL.len());
    while !domain.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{LABEL}", &domain[..end])
}

fn create_domain_or_type(cx: &Cx, ty: &Type, name_not_null: bool) -> String {
    let name = cx.qualify(&ty.name);
    match &ty.definition {
        TypeDefinition::Enum { values } => {
            let labels: Vec<String> = values.iter().map(|v| quote_literal(v)).collect();
            format!("CREATE TYPE {name} AS ENUM ({});", labels.join(", "))
        }
        TypeDefinition::Domain(domain) => {
            let mut text = format!("CREATE DOMAIN {name} AS {}", domain.base_type);
            if let Some(collation) = &domain.collation {
                text.push_str(&format!(" COLLATE {collation}"));
            }
            if let Some(default) = &domain.default {
                text.push_str(&format!(" DEFAULT {default}"));
            }
            if domain.not_null && name_not_null {
                text.push_str(&format!(
                    " CONSTRAINT {} NOT NULL",
                    quote_ident(&default_not_null_name(&ty.name))
                ));
            } else if domain.not_null {
                text.push_str(" NOT NULL");
            }
            for constraint in domain.constraints.iter().filter(|c| c.validated) {
                text.push_str(&format!(
                    " CONSTRAINT {} {}",
                    quote_ident(&constraint.name),
                    constraint.check()
                ));
            }
            text + ";"
        }
        TypeDefinition::Composite { attributes } => {
            let attributes: Vec<String> = attributes.iter().map(attribute).collect();
            format!("CREATE TYPE {name} AS ({});", attributes.join(", "))
        }
        TypeDefinition::Range { range } => format!(
            "CREATE TYPE {name} AS RANGE ({});",
            range_options(cx, range).join(", ")
        ),
    }
}

fn attribute(attribute: &Attribute) -> String {
    let mut text = format!("{} {}", quote_ident(&attribute.name), attribute.data_type);
    if let Some(collation) = &attribute.collation {
        text.push_str(&format!(" COLLATE {collation}"));
    }
    text
}

fn range_options(cx: &Cx, range: &Range) -> Vec<String> {
    let mut options = vec![format!("SUBTYPE = {}", range.subtype)];
    if let Some(opclass) = &range.opclass {
        options.push(format!("SUBTYPE_OPCLASS = {opclass}"));
    }
    if let Some(collation) = &range.collation {
        options.push(format!("COLLATION = {collation}"));
    }
    if let Some(canonical) = &range.canonical {
        options.push(format!("CANONICAL = {canonical}"));
    }
    if let Some(diff) = &range.subtype_diff {
        options.push(format!("SUBTYPE_DIFF = {diff}"));
    }
    if let Some(multirange) = &range.multirange {
        // qualified: an unqualified name would be made in the first schema of the search_path
        options.push(format!("MULTIRANGE_TYPE_NAME = {}", cx.qualify(multirange)));
    }
    options
}

pub fn drop(cx: &Cx, name: &str, domain: bool) -> String {
    let word = if domain { "DOMAIN" } else { "TYPE" };
    format!("DROP {word} {};", cx.qualify(name))
}

/// Renames a type (or what a range takes with it) out of the way of the one that replaces it.
/// A range's constructor functions and its multirange keep their names through the range's
/// rename: they are renamed to `aside` (the multirange's to its own set-aside name) too.
pub fn set_aside(cx: &Cx, ty: &Type, aside: &str, what: &SetAside) -> String {
    let rename = |object: String, new_name: &str| {
        format!("ALTER {object} RENAME TO {};", quote_ident(new_name))
    };
    let range = match &ty.definition {
        TypeDefinition::Range { range } => Some(range),
        _ => None,
    };
    let subtype = range.map_or("", |r| r.subtype.as_str());
    let multirange = range.and_then(|r| r.multirange.as_deref()).unwrap_or("");
    let multirange_aside = set_aside_name(multirange);
    match what {
        SetAside::Type => rename(
            format!("{} {}", word(&ty.definition), cx.qualify(&ty.name)),
            aside,
        ),
        SetAside::RangeConstructor { with_flags } => {
            let flags = if *with_flags { ", text" } else { "" };
            rename(
                format!(
                    "FUNCTION {}({subtype}, {subtype}{flags})",
                    cx.qualify(&ty.name)
                ),
                aside,
            )
        }
        SetAside::Multirange => rename(
            format!("TYPE {}", cx.qualify(multirange)),
            &multirange_aside,
        ),
        SetAside::MultirangeConstructor(arity) => {
            let arguments = match arity {
                Arity::None => String::new(),
                Arity::One => cx.qualify(aside),
                Arity::Variadic => format!("VARIADIC {}[]", cx.qualify(aside)),
            };
            rename(
                format!("FUNCTION {}({arguments})", cx.qualify(multirange)),
                &multirange_aside,
            )
        }
    }
}

/// `None`: at the end.
pub fn add_value(cx: &Cx, name: &str, value: &str, position: Option<&Position>) -> String {
    let place = match position {
        Some(Position::Before(n)) => format!(" BEFORE {}", quote_literal(n)),
        Some(Position::After(n)) => format!(" AFTER {}", quote_literal(n)),
        None => String::new(),
    };
    format!(
        "ALTER TYPE {} ADD VALUE {}{place};",
        cx.qualify(name),
        quote_literal(value)
    )
}

fn domain_action(cx: &Cx, name: &str, action: &str) -> String {
    format!("ALTER DOMAIN {} {action};", cx.qualify(name))
}

/// `SET DEFAULT`, `DROP DEFAULT`, `DROP NOT NULL`
pub fn alter_domain(cx: &Cx, name: &str, change: &DomainChange) -> String {
    match change {
        DomainChange::SetDefault(default) => {
            domain_action(cx, name, &format!("SET DEFAULT {default}"))
        }
        DomainChange::DropDefault => domain_action(cx, name, "DROP DEFAULT"),
        DomainChange::DropNotNull => domain_action(cx, name, "DROP NOT NULL"),
    }
}

/// `SET NOT NULL`: every column of the domain is checked.
pub fn set_domain_not_null(cx: &Cx, name: &str) -> String {
    domain_action(cx, name, "SET NOT NULL")
}

/// `ADD CONSTRAINT ... NOT VALID`: existing values are checked apart (`validate`), without
/// blocking writes to the tables that use the domain.
pub fn add_constraint(cx: &Cx, name: &str, constraint: &DomainConstraint) -> String {
    let action = format!(
        "ADD CONSTRAINT {} {} NOT VALID",
        quote_ident(&constraint.name),
        constraint.check()
    );
    domain_action(cx, name, &action)
}

pub fn validate_constraint(cx: &Cx, name: &str, constraint: &str) -> String {
    domain_action(
        cx,
        name,
        &format!("VALIDATE CONSTRAINT {}", quote_ident(constraint)),
    )
}

pub fn drop_constraint(cx: &Cx, name: &str, constraint: &str) -> String {
    domain_action(
        cx,
        name,
        &format!("DROP CONSTRAINT {}", quote_ident(constraint)),
    )
}

pub fn add_attribute(cx: &Cx, name: &str, new: &Attribute) -> String {
    format!(
        "ALTER TYPE {} ADD ATTRIBUTE {};",
        cx.qualify(name),
        attribute(new)
    )
}

pub fn drop_attribute(cx: &Cx, name: &str, attribute: &str) -> String {
    format!(
        "ALTER TYPE {} DROP ATTRIBUTE {};",
        cx.qualify(name),
        quote_ident(attribute)
    )
}

pub fn alter_attribute(cx: &Cx, name: &str, new: &Attribute) -> String {
    let mut text = format!(
        "ALTER TYPE {} ALTER ATTRIBUTE {} TYPE {}",
        cx.qualify(name),
        quote_ident(&new.name),
        new.data_type
    );
    if let Some(collation) = &new.collation {
        text.push_str(&format!(" COLLATE {collation}"));
    }
    text + ";"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(json: serde_json::Value) -> Type {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn an_enum_lists_its_labels_quoted() {
        let e =
            ty(serde_json::json!({"name": "Mood", "kind": "enum", "values": ["sad", "it's ok"]}));
        assert_eq!(
            create(&Cx::new("s"), &e, false),
            r#"CREATE TYPE "s"."Mood" AS ENUM ('sad', 'it''s ok');"#
        );
        let add = add_value(
            &Cx::new("s"),
            "Mood",
            "happy",
            Some(&Position::After("it's ok".into())),
        );
        assert_eq!(
            add,
            r#"ALTER TYPE "s"."Mood" ADD VALUE 'happy' AFTER 'it''s ok';"#
        );
    }

    #[test]
    fn a_domain_is_made_with_its_valid_checks_only() {
        let d = ty(
            serde_json::json!({"name": "email", "kind": "domain", "base_type": "text", "collation": null,
            "default": "''::text", "not_null": true, "constraints": [
                {"name": "has_at", "definition": "CHECK ((VALUE ~ '@'::text))", "validated": true},
                {"name": "short", "definition": "CHECK ((length(VALUE) < 300))", "validated": false}]}),
        );
        assert_eq!(
            create(&Cx::new("s"), &d, false),
            r#"CREATE DOMAIN "s"."email" AS text DEFAULT ''::text NOT NULL CONSTRAINT "has_at" CHECK ((VALUE ~ '@'::text));"#
        );
        assert_eq!(
            drop(&Cx::new("s"), "email", true),
            r#"DROP DOMAIN "s"."email";"#
        );
    }

    #[test]
    fn a_domain_made_beside_its_set_aside_self_names_its_not_null() {
        let d = ty(
            serde_json::json!({"name": "email", "kind": "domain", "base_type": "text", "collation": null,
            "default": null, "not_null": true, "constraints": []}),
        );
        assert_eq!(
            create(&Cx::new("s"), &d, true),
            r#"CREATE DOMAIN "s"."email" AS text CONSTRAINT "email_not_null" NOT NULL;"#
        );
    }

    #[test]
    fn the_default_not_null_name_fits_63_bytes_at_a_character_boundary() {
        assert_eq!(default_not_null_name("d"), "d_not_null");
        let long = "é".repeat(40); // 80 bytes
        let name = default_not_null_name(&long);
        assert!(name.len() <= 63, "{name}");
        assert_eq!(name, format!("{}_not_null", "é".repeat(27)));
    }

    #[test]
    fn a_range_names_only_what_is_not_a_default() {
        let r = ty(
            serde_json::json!({"name": "floatrange", "kind": "range", "range": {"subtype": "double precision",
            "opclass": null, "collation": null, "canonical": null, "subtype_diff": "float8mi", "multirange": "floatmultirange"}}),
        );
        assert_eq!(
            create(&Cx::new("s"), &r, false),
            r#"CREATE TYPE "s"."floatrange" AS RANGE (SUBTYPE = double precision, SUBTYPE_DIFF = float8mi, MULTIRANGE_TYPE_NAME = "s"."floatmultirange");"#
        );
    }
}
