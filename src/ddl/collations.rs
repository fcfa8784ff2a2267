//! CREATE, RENAME and DROP COLLATION.

use super::{Cx, quote_ident, quote_literal};
use crate::model::{Collation, CollationProvider};

pub fn create(cx: &Cx, collation: &Collation) -> String {
    let provider = match collation.provider {
        CollationProvider::Icu => "icu",
        CollationProvider::Builtin => "builtin",
        CollationProvider::Libc => "libc",
    };
    let mut options = vec![format!("provider = {provider}")];
    let mut option = |name: &str, value: &Option<String>| {
        if let Some(value) = value {
            options.push(format!("{name} = {}", quote_literal(value)));
        }
    };
    option("lc_collate", &collation.lc_collate);
    option("lc_ctype", &collation.lc_ctype);
    option("locale", &collation.locale);
    option("rules", &collation.rules);
    if !collation.deterministic {
        options.push("deterministic = false".to_owned());
    }
    format!(
        "CREATE COLLATION {} ({});",
        cx.qualify(&collation.name),
        options.join(", ")
    )
}

pub fn rename(cx: &Cx, name: &str, new_name: &str) -> String {
    format!(
        "ALTER COLLATION {} RENAME TO {};",
        cx.qualify(name),
        quote_ident(new_name)
    )
}

pub fn drop(cx: &Cx, name: &str) -> String {
    format!("DROP COLLATION {};", cx.qualify(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collation_spells_out_its_provider_and_locale() {
        let icu = Collation {
            owner: String::new(),
            name: "Numeric".into(),
            provider: crate::model::CollationProvider::Icu,
            deterministic: false,
            lc_collate: None,
            lc_ctype: None,
            locale: Some("en-u-kn-true".into()),
            rules: None,
        };
        assert_eq!(
            create(&Cx::new("s"), &icu),
            r#"CREATE COLLATION "s"."Numeric" (provider = icu, locale = 'en-u-kn-true', deterministic = false);"#
        );
        let libc = Collation {
            provider: crate::model::CollationProvider::Libc,
            deterministic: true,
            lc_collate: Some("C".into()),
            lc_ctype: Some("C".into()),
            locale: None,
            ..icu
        };
        assert_eq!(
            create(&Cx::new("s"), &libc),
            r#"CREATE COLLATION "s"."Numeric" (provider = libc, lc_collate = 'C', lc_ctype = 'C');"#
        );
    }
}
