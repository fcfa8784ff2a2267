use serde::{Deserialize, Serialize};

/// A row level security policy (`pg_policy`) of a table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Policy {
    /// The table it is on.
    pub table: String,
    /// `polname`: unique per table.
    pub name: String,
    /// `polpermissive`: PERMISSIVE, or RESTRICTIVE.
    pub permissive: bool,
    /// `polcmd`: `*` ALL, `r` SELECT, `a` INSERT, `w` UPDATE, `d` DELETE.
    pub command: super::PolicyCommand,
    /// `polroles` by name, `PUBLIC` for everyone, sorted.
    pub roles: Vec<super::Grantee>,
    /// `pg_get_expr(polqual)`: USING.
    pub using: Option<String>,
    /// `pg_get_expr(polwithcheck)`: WITH CHECK.
    pub with_check: Option<String>,
}

impl Policy {
    /// The word `CREATE POLICY ... FOR` takes.
    pub fn command_sql(&self) -> &'static str {
        match self.command {
            super::PolicyCommand::Select => "SELECT",
            super::PolicyCommand::Insert => "INSERT",
            super::PolicyCommand::Update => "UPDATE",
            super::PolicyCommand::Delete => "DELETE",
            super::PolicyCommand::All => "ALL",
        }
    }
}
