use serde::{Deserialize, Serialize};

/// A function, procedure, aggregate or window function (`pg_proc`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Routine {
    /// `"name"(argument types)` (`oidvectortypes(proargtypes)`): what tells overloads apart, and
    /// the routine's key in the dependency graph.
    pub identity: String,
    /// `"name"(identity arguments)`, with modes and names, as GRANT, ALTER and DROP take it
    /// (`pg_get_function_identity_arguments`).
    pub signature: String,
    /// `proname`
    pub name: String,
    pub kind: RoutineKind,
    /// `pg_language.lanname`
    pub language: String,
    /// `prosecdef`: SECURITY DEFINER, it runs with its owner's rights (also in `definition`).
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub security_definer: bool,
    /// `pg_get_function_arguments`: names, modes, types and defaults.
    pub arguments: String,
    /// `pg_get_function_result`; `None` for a procedure.
    pub result: Option<String>,
    /// For a function or procedure, what `pg_get_functiondef` gives after
    /// `CREATE OR REPLACE FUNCTION schema.name(`: arguments, result, attributes and body. For an
    /// aggregate, `(arguments) (SFUNC = ..., ...)`. `None` when the server's text did not start
    /// as expected; such a routine is refused.
    pub definition: Option<String>,
    /// Grants on the routine (`proacl`; by default PUBLIC may EXECUTE).
    pub privileges: Vec<super::Grant>,
    /// The role that owns it (`proowner`, by `pg_get_userbyid`): compared only `with_owners`.
    /// Empty in a snapshot written before owners were read: unknown, never compared.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
}

/// `prokind`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum RoutineKind {
    #[serde(rename = "f")]
    Function,
    #[serde(rename = "p")]
    Procedure,
    #[serde(rename = "a")]
    Aggregate,
    #[serde(rename = "w")]
    Window,
}

impl RoutineKind {
    /// The word DROP and GRANT take.
    pub fn sql(self) -> &'static str {
        match self {
            RoutineKind::Function | RoutineKind::Window => "FUNCTION",
            RoutineKind::Procedure => "PROCEDURE",
            RoutineKind::Aggregate => "AGGREGATE",
        }
    }
}

impl Routine {
    /// A SQL-language function whose body is a string: PostgreSQL parses it when the function is
    /// made (`check_function_bodies`) but records nothing it reads.
    pub fn has_string_sql_body(&self) -> bool {
        self.language == "sql"
            && self
                .definition
                .as_deref()
                .is_some_and(|d| !d.contains("\nBEGIN ATOMIC") && !d.contains("\nRETURN "))
    }
}
