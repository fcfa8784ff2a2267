//! Foreign-data wrappers, servers and user mappings: CREATE, ALTER and DROP text.
//!
//! A secret option's value is never read (`sql/catalog.sql`, "secret options"), so it cannot be
//! written: a statement that would need one says so in a comment line after it, naming the
//! statement that adds it by hand.

use super::{generic_options, option_changes, option_name, quote_ident, quote_literal};
use crate::change::GenericOption;
use crate::model::{ForeignDataWrapper, Grantee, Server, UserMapping, WrapperFunction};

/// `"schema"."name"`: HANDLER and VALIDATOR name a function, not a signature.
fn function(f: &WrapperFunction) -> String {
    crate::ident::qualified(&f.schema, &f.name)
}

/// ` HANDLER f` / ` NO HANDLER`, ` VALIDATOR f` / ` NO VALIDATOR`.
fn wrapper_function(word: &str, f: Option<&WrapperFunction>) -> String {
    match f {
        Some(f) => format!(" {word} {}", function(f)),
        None => format!(" NO {word}"),
    }
}

/// A comment line for the secret options the plan cannot set, naming the statement that does:
/// `ALTER ... OPTIONS (ADD password '...')`. Empty when there are none. The names are written as
/// option names and any control character in them as `?`, so none can end the comment.
fn secrets_note(alter: &str, secrets: &[String]) -> String {
    if secrets.is_empty() {
        return String::new();
    }
    let adds: Vec<String> = secrets
        .iter()
        .map(|s| format!("ADD {} '...'", option_name(s)))
        .collect();
    let text = format!(
        "\n-- not set: the value of {}, which migra never reads; set it by hand: {alter} OPTIONS ({});",
        secrets
            .iter()
            .map(|s| option_name(s))
            .collect::<Vec<_>>()
            .join(", "),
        adds.join(", ")
    );
    text.chars()
        .enumerate()
        .map(|(i, c)| if c.is_control() && i > 0 { '?' } else { c })
        .collect()
}

/// What a statement about a wrapper, server or user mapping says after its verb.
fn wrapper_name(name: &str) -> String {
    format!("FOREIGN DATA WRAPPER {}", quote_ident(name))
}

fn server_name(name: &str) -> String {
    format!("SERVER {}", quote_ident(name))
}

fn user_mapping_name(server: &str, user: &Grantee) -> String {
    format!(
        "USER MAPPING FOR {} SERVER {}",
        user.sql(),
        quote_ident(server)
    )
}

pub fn create_wrapper(w: &ForeignDataWrapper) -> String {
    let handler = w
        .handler
        .as_ref()
        .map(|f| format!(" HANDLER {}", function(f)))
        .unwrap_or_default();
    let validator = w
        .validator
        .as_ref()
        .map(|f| format!(" VALIDATOR {}", function(f)))
        .unwrap_or_default();
    format!(
        "CREATE {}{handler}{validator}{};{}",
        wrapper_name(&w.name),
        generic_options(&w.common.options),
        secrets_note(
            &format!("ALTER {}", wrapper_name(&w.name)),
            &w.common.secret_options
        )
    )
}

pub fn alter_wrapper(
    name: &str,
    handler: Option<&Option<WrapperFunction>>,
    validator: Option<&Option<WrapperFunction>>,
    options: &[GenericOption],
    missing_secrets: &[String],
) -> String {
    let alter = format!("ALTER {}", wrapper_name(name));
    let mut clauses = String::new();
    if let Some(handler) = handler {
        clauses.push_str(&wrapper_function("HANDLER", handler.as_ref()));
    }
    if let Some(validator) = validator {
        clauses.push_str(&wrapper_function("VALIDATOR", validator.as_ref()));
    }
    if !options.is_empty() {
        clauses.push(' ');
        clauses.push_str(&option_changes(options));
    }
    alter_statement(&alter, &clauses, missing_secrets)
}

/// `ALTER ... <clauses>;` and the note on secrets; only the note (a comment) when nothing else
/// changes.
fn alter_statement(alter: &str, clauses: &str, missing_secrets: &[String]) -> String {
    let note = secrets_note(alter, missing_secrets);
    if clauses.is_empty() {
        note.trim_start_matches('\n').to_owned()
    } else {
        format!("{alter}{clauses};{note}")
    }
}

pub fn drop_wrapper(name: &str) -> String {
    format!("DROP {};", wrapper_name(name))
}

pub fn create_server(s: &Server) -> String {
    let server_type = s
        .server_type
        .as_deref()
        .map(|t| format!(" TYPE {}", quote_literal(t)))
        .unwrap_or_default();
    let version = s
        .version
        .as_deref()
        .map(|v| format!(" VERSION {}", quote_literal(v)))
        .unwrap_or_default();
    format!(
        "CREATE {}{server_type}{version} {}{};{}",
        server_name(&s.name),
        wrapper_name(&s.wrapper),
        generic_options(&s.common.options),
        secrets_note(
            &format!("ALTER {}", server_name(&s.name)),
            &s.common.secret_options
        )
    )
}

pub fn alter_server(
    name: &str,
    version: Option<&Option<String>>,
    options: &[GenericOption],
    missing_secrets: &[String],
) -> String {
    let mut clauses = String::new();
    if let Some(version) = version {
        let value = version
            .as_deref()
            .map_or_else(|| "NULL".into(), quote_literal);
        clauses.push_str(&format!(" VERSION {value}"));
    }
    if !options.is_empty() {
        clauses.push(' ');
        clauses.push_str(&option_changes(options));
    }
    alter_statement(
        &format!("ALTER {}", server_name(name)),
        &clauses,
        missing_secrets,
    )
}

pub fn drop_server(name: &str) -> String {
    format!("DROP {};", server_name(name))
}

pub fn create_user_mapping(m: &UserMapping) -> String {
    let name = user_mapping_name(&m.server, &m.user);
    format!(
        "CREATE {name}{};{}",
        generic_options(&m.options),
        secrets_note(&format!("ALTER {name}"), &m.secret_options)
    )
}

pub fn alter_user_mapping(
    server: &str,
    user: &Grantee,
    options: &[GenericOption],
    missing_secrets: &[String],
) -> String {
    let clauses = if options.is_empty() {
        String::new()
    } else {
        format!(" {}", option_changes(options))
    };
    alter_statement(
        &format!("ALTER {}", user_mapping_name(server, user)),
        &clauses,
        missing_secrets,
    )
}

pub fn drop_user_mapping(server: &str, user: &Grantee) -> String {
    format!("DROP {};", user_mapping_name(server, user))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ForeignCommon;

    fn server() -> Server {
        Server {
            name: "Remote One".into(),
            wrapper: "postgres_fdw".into(),
            wrapper_extension: Some("postgres_fdw".into()),
            server_type: Some("pg's".into()),
            version: Some("15".into()),
            common: ForeignCommon {
                options: vec!["host=db.example".into(), "dbname=it's".into()],
                owner: "app".into(),
                ..Default::default()
            },
        }
    }

    #[test]
    fn a_server_is_quoted_and_its_values_are_literals() {
        assert_eq!(
            create_server(&server()),
            r#"CREATE SERVER "Remote One" TYPE 'pg''s' VERSION '15' FOREIGN DATA WRAPPER "postgres_fdw" OPTIONS (host 'db.example', dbname 'it''s');"#
        );
        let bare = Server {
            server_type: None,
            version: None,
            common: ForeignCommon::default(),
            ..server()
        };
        assert_eq!(
            create_server(&bare),
            r#"CREATE SERVER "Remote One" FOREIGN DATA WRAPPER "postgres_fdw";"#
        );
        assert_eq!(drop_server("a\"b"), r#"DROP SERVER "a""b";"#);
    }

    #[test]
    fn a_server_changes_its_version_and_options_in_one_statement() {
        let options = [
            GenericOption::Set("port=5433".into()),
            GenericOption::Drop("Odd Name".into()),
            GenericOption::Add(r"dbname=a\b".into()),
        ];
        assert_eq!(
            alter_server("s", Some(&Some("16".into())), &options, &[]),
            r#"ALTER SERVER "s" VERSION '16' OPTIONS (SET port '5433', DROP "Odd Name", ADD dbname E'a\\b');"#
        );
        assert_eq!(
            alter_server("s", Some(&None), &[], &[]),
            r#"ALTER SERVER "s" VERSION NULL;"#
        );
    }

    #[test]
    fn a_user_mapping_is_made_without_its_secrets_and_says_so() {
        let mapping = UserMapping {
            server: "s".into(),
            user: Grantee::Role("app".into()),
            options: vec!["user=app".into()],
            secret_options: vec!["password".into()],
        };
        assert_eq!(
            create_user_mapping(&mapping),
            "CREATE USER MAPPING FOR \"app\" SERVER \"s\" OPTIONS (user 'app');\n\
             -- not set: the value of password, which migra never reads; set it by hand: \
             ALTER USER MAPPING FOR \"app\" SERVER \"s\" OPTIONS (ADD password '...');"
        );
        let public = UserMapping {
            user: Grantee::Public,
            options: vec![],
            secret_options: vec![],
            ..mapping
        };
        assert_eq!(
            create_user_mapping(&public),
            r#"CREATE USER MAPPING FOR PUBLIC SERVER "s";"#
        );
        let named_public = Grantee::Role("PUBLIC".into());
        assert_eq!(
            drop_user_mapping("s", &named_public),
            r#"DROP USER MAPPING FOR "PUBLIC" SERVER "s";"#
        );
    }

    #[test]
    fn a_secret_only_one_side_has_is_a_comment_and_no_name_can_end_it() {
        let user = Grantee::Role("app".into());
        assert_eq!(
            alter_user_mapping("s", &user, &[], &["password".into()]),
            "-- not set: the value of password, which migra never reads; set it by hand: \
             ALTER USER MAPPING FOR \"app\" SERVER \"s\" OPTIONS (ADD password '...');"
        );
        let hostile = alter_user_mapping("s", &user, &[], &["pass\nDROP TABLE t; --".into()]);
        assert_eq!(hostile.lines().count(), 1, "{hostile}");
        let drop = [GenericOption::Drop("password".into())];
        assert_eq!(
            alter_user_mapping("s", &user, &drop, &[]),
            r#"ALTER USER MAPPING FOR "app" SERVER "s" OPTIONS (DROP password);"#
        );
    }

    #[test]
    fn a_wrapper_names_its_functions_by_schema() {
        let f = |name: &str| WrapperFunction {
            schema: "My Schema".into(),
            name: name.into(),
            identity: format!("{name}()"),
        };
        let wrapper = ForeignDataWrapper {
            name: "w".into(),
            handler: Some(f("h")),
            validator: Some(f("v")),
            common: ForeignCommon {
                options: vec!["debug=true".into()],
                ..Default::default()
            },
        };
        assert_eq!(
            create_wrapper(&wrapper),
            r#"CREATE FOREIGN DATA WRAPPER "w" HANDLER "My Schema"."h" VALIDATOR "My Schema"."v" OPTIONS (debug 'true');"#
        );
        assert_eq!(
            alter_wrapper("w", Some(&None), Some(&Some(f("v2"))), &[], &[]),
            r#"ALTER FOREIGN DATA WRAPPER "w" NO HANDLER VALIDATOR "My Schema"."v2";"#
        );
        assert_eq!(drop_wrapper("w"), r#"DROP FOREIGN DATA WRAPPER "w";"#);
    }
}
