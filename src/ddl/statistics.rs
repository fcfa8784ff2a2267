//! CREATE, ALTER and DROP STATISTICS.

use super::Cx;
use crate::model::Statistics;

pub fn create(cx: &Cx, statistics: &Statistics) -> String {
    format!(
        "CREATE STATISTICS {} {};",
        cx.qualify(&statistics.name),
        statistics.definition.as_deref().unwrap_or_default()
    )
}

/// `SET STATISTICS n`, or `-1` for the default target.
pub fn set_target(cx: &Cx, statistics: &Statistics) -> String {
    format!(
        "ALTER STATISTICS {} SET STATISTICS {};",
        cx.qualify(&statistics.name),
        statistics.target.unwrap_or(-1)
    )
}

pub fn drop(cx: &Cx, name: &str) -> String {
    format!("DROP STATISTICS {};", cx.qualify(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_are_named_in_the_schema_and_keep_their_definition() {
        let s = Statistics {
            owner: String::new(),
            name: "St".into(),
            table: "t".into(),
            definition: Some("(ndistinct) ON a, b FROM t".into()),
            target: Some(50),
        };
        assert_eq!(
            create(&Cx::new("app"), &s),
            r#"CREATE STATISTICS "app"."St" (ndistinct) ON a, b FROM t;"#
        );
        assert_eq!(
            set_target(&Cx::new("app"), &s),
            r#"ALTER STATISTICS "app"."St" SET STATISTICS 50;"#
        );
    }
}
