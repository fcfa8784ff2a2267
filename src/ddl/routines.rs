//! CREATE, CREATE OR REPLACE and DROP of functions, procedures and aggregates.

use super::{Cx, quote_ident};
use crate::error::Error;
use crate::model::{Routine, RoutineKind};

/// The routine as the server defined it, under the migrated schema's name. A function or
/// procedure is `pg_get_functiondef`'s own text after its qualified name; an aggregate is spelled
/// out from `pg_aggregate` by the catalog query.
pub fn create(cx: &Cx, routine: &Routine, or_replace: bool) -> Result<String, Error> {
    let definition = routine
        .definition
        .as_deref()
        .ok_or_else(|| Error::UnreadableDefinition(format!("routine {}", routine.signature)))?
        .trim_end();
    let replace = if or_replace { "OR REPLACE " } else { "" };
    let name = cx.qualify(&routine.name);
    Ok(match routine.kind {
        RoutineKind::Aggregate => format!("CREATE {replace}AGGREGATE {name}{definition};"),
        RoutineKind::Procedure => format!("CREATE {replace}PROCEDURE {name}({definition};"),
        RoutineKind::Function | RoutineKind::Window => {
            format!("CREATE {replace}FUNCTION {name}({definition};")
        }
    })
}

/// `DROP FUNCTION "s".f(a integer);`: the signature quotes its name already.
pub fn drop(cx: &Cx, routine: &Routine) -> String {
    format!(
        "DROP {} {}.{};",
        routine.kind.sql(),
        quote_ident(&cx.schema),
        routine.signature
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routine(kind: RoutineKind, definition: &str) -> Routine {
        Routine {
            owner: String::new(),
            identity: "total(integer)".into(),
            signature: "total(n integer)".into(),
            name: "total".into(),
            kind,
            language: "sql".into(),
            security_definer: false,
            arguments: "n integer".into(),
            result: Some("integer".into()),
            definition: Some(definition.into()),
            privileges: vec![],
        }
    }

    #[test]
    fn a_function_is_made_from_the_servers_text_under_the_migrated_schema() {
        let f = routine(
            RoutineKind::Function,
            "n integer)\n RETURNS integer\n LANGUAGE sql\nRETURN (n + 1)\n",
        );
        assert_eq!(
            create(&Cx::new("My App"), &f, true).unwrap(),
            "CREATE OR REPLACE FUNCTION \"My App\".\"total\"(n integer)\n RETURNS integer\n LANGUAGE sql\nRETURN (n + 1);"
        );
        assert_eq!(
            drop(&Cx::new("My App"), &f),
            "DROP FUNCTION \"My App\".total(n integer);"
        );
    }

    #[test]
    fn an_aggregate_is_spelled_out() {
        let a = routine(
            RoutineKind::Aggregate,
            "(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0')",
        );
        assert_eq!(
            create(&Cx::new("app"), &a, false).unwrap(),
            "CREATE AGGREGATE \"app\".\"total\"(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0');"
        );
        assert_eq!(
            drop(&Cx::new("app"), &a),
            "DROP AGGREGATE \"app\".total(n integer);"
        );
    }

    #[test]
    fn an_unreadable_definition_is_an_error_not_a_statement() {
        let mut f = routine(RoutineKind::Function, "");
        f.definition = None;
        assert!(create(&Cx::new("app"), &f, false).is_err());
    }
}
