//! What a piece of untrusted text may be, by shape. Each check answers `Err(reason)` with a short
//! reason for the error message, or `Ok(())`.
//!
//! The checks are grammars of what PostgreSQL's own deparsers print (`format_type`,
//! `quote_ident`, `pg_get_function_identity_arguments`, `pg_get_expr`), strict enough that the
//! text cannot end the statement it is pasted into, start another, comment out the rest, or
//! (through `psql -f`) run a backslash command.

/// A privilege as `aclexplode` names it: the only words that GRANT and REVOKE get from a document.
pub const PRIVILEGES: &[&str] = &[
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "TRUNCATE",
    "REFERENCES",
    "TRIGGER",
    "MAINTAIN",
    "USAGE",
    "CREATE",
    "CONNECT",
    "TEMPORARY",
    "EXECUTE",
    "SET",
    "ALTER SYSTEM",
];

/// What a sequence can be (`CREATE SEQUENCE ... AS`).
pub const SEQUENCE_TYPES: &[&str] = &["smallint", "integer", "bigint"];

/// The longest identifier PostgreSQL keeps (NAMEDATALEN - 1): a longer name would be truncated,
/// and could then name another object.
pub const NAME_BYTES: usize = 63;

pub type Verdict = Result<(), &'static str>;

/// A name of an object: quoted wherever it is used, so only its length and content matter.
pub fn name(text: &str) -> Verdict {
    if text.is_empty() {
        Err("an empty name")
    } else if text.len() > NAME_BYTES {
        Err("a name longer than 63 bytes")
    } else if text.contains('\0') {
        Err("a name with a NUL character")
    } else {
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A plain word, as it was written.
    Word(String),
    /// A double-quoted identifier.
    Quoted,
    Number,
    Punct(char),
}

/// Words, double-quoted identifiers, numbers and the punctuation `. , ( ) [ ]`, separated by
/// single spaces; anything else is refused.
fn name_tokens(text: &str) -> Result<Vec<Token>, &'static str> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            if i == 0 || i + 1 == chars.len() || chars[i + 1] == ' ' {
                return Err("stray spaces");
            }
            i += 1;
        } else if c == '"' {
            let start = i;
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err("an unterminated quoted identifier"),
                    Some('"') if chars.get(i + 1) == Some(&'"') => i += 2,
                    Some('"') => break,
                    Some('\0') => return Err("a NUL character"),
                    Some(_) => i += 1,
                }
            }
            i += 1;
            if i - start == 2 {
                return Err("an empty quoted identifier");
            }
            tokens.push(Token::Quoted);
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            tokens.push(Token::Word(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            tokens.push(Token::Number);
        } else if ".,()[]".contains(c) {
            tokens.push(Token::Punct(c));
            i += 1;
        } else {
            return Err("a character that is not part of a name");
        }
    }
    Ok(tokens)
}

/// A cursor over tokens, for the small grammars below.
struct Tokens {
    tokens: Vec<Token>,
    at: usize,
}

impl Tokens {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next_is_word(&self, words: &[&str]) -> Option<String> {
        match self.peek() {
            Some(Token::Word(w)) if words.iter().any(|x| x.eq_ignore_ascii_case(w)) => {
                Some(w.to_ascii_lowercase())
            }
            _ => None,
        }
    }

    fn take_word(&mut self, words: &[&str]) -> Option<String> {
        let word = self.next_is_word(words)?;
        self.at += 1;
        Some(word)
    }

    fn take_punct(&mut self, c: char) -> bool {
        if self.peek() == Some(&Token::Punct(c)) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn take_identifier(&mut self) -> bool {
        if matches!(self.peek(), Some(Token::Word(_) | Token::Quoted)) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn done(&self) -> bool {
        self.at == self.tokens.len()
    }

    /// `(` item {`,` item} `)`, items being numbers or identifiers (`geometry(Point,4326)`).
    fn take_modifiers(&mut self) -> Verdict {
        if !self.take_punct('(') {
            return Ok(());
        }
        loop {
            match self.peek() {
                Some(Token::Number | Token::Word(_) | Token::Quoted) => self.at += 1,
                _ => return Err("type modifiers that are not numbers or names"),
            }
            if self.take_punct(')') {
                return Ok(());
            }
            if !self.take_punct(',') {
                return Err("unbalanced type modifiers");
            }
        }
    }
}

const INTERVAL_FIELDS: &[&str] = &["year", "month", "day", "hour", "minute", "second"];

/// A type as `format_type` prints it: a (qualified) name, or one of the SQL standard's
/// several-word names, with optional modifiers and array brackets. Nothing may follow:
/// `integer DEFAULT ...` or `int; DROP TABLE x` are not types.
pub fn type_name(text: &str) -> Verdict {
    let mut t = Tokens {
        tokens: name_tokens(text)?,
        at: 0,
    };
    let head = match t.peek() {
        Some(Token::Word(w)) => Some(w.to_ascii_lowercase()),
        Some(Token::Quoted) => None,
        _ => return Err("no type name"),
    };
    t.at += 1;
    let mut zone = false;
    match head.as_deref() {
        Some("double") => {
            t.take_word(&["precision"]).ok_or("an unknown type name")?;
        }
        Some("character" | "char" | "bit" | "national") => {
            if head.as_deref() == Some("national") {
                t.take_word(&["character", "char"])
                    .ok_or("an unknown type name")?;
            }
            t.take_word(&["varying"]);
        }
        Some("time" | "timestamp") => zone = true,
        Some("interval") => {
            if t.take_word(INTERVAL_FIELDS).is_some() && t.take_word(&["to"]).is_some() {
                t.take_word(INTERVAL_FIELDS)
                    .ok_or("an incomplete interval")?;
            }
        }
        _ => {
            // schema.type (or catalog.schema.type)
            let mut parts = 1;
            while t.take_punct('.') {
                parts += 1;
                if parts > 3 || !t.take_identifier() {
                    return Err("a malformed qualified name");
                }
            }
        }
    }
    t.take_modifiers()?;
    if zone && t.take_word(&["with", "without"]).is_some() {
        t.take_word(&["time"])
            .ok_or("an incomplete time zone clause")?;
        t.take_word(&["zone"])
            .ok_or("an incomplete time zone clause")?;
    }
    while t.take_punct('[') {
        if t.peek() == Some(&Token::Number) {
            t.at += 1;
        }
        if !t.take_punct(']') {
            return Err("unbalanced array brackets");
        }
    }
    if t.done() {
        Ok(())
    } else {
        Err("more than a type name")
    }
}

/// A collation as the catalog query prints it: `"C"` or `"schema"."name"`.
pub fn collation(text: &str) -> Verdict {
    let mut t = Tokens {
        tokens: name_tokens(text)?,
        at: 0,
    };
    if !t.take_identifier() {
        return Err("no collation name");
    }
    if t.take_punct('.') && !t.take_identifier() {
        return Err("a malformed qualified name");
    }
    if t.done() {
        Ok(())
    } else {
        Err("more than a collation name")
    }
}

/// A routine as `GRANT ... ON ROUTINE` takes it: one name, then its identity arguments in
/// parentheses (`pg_get_function_identity_arguments`: modes, names and types, no defaults), and
/// nothing after: `f(int), g(int)` would name a second routine.
pub fn signature(text: &str) -> Verdict {
    let mut t = Tokens {
        tokens: name_tokens(text)?,
        at: 0,
    };
    if !t.take_identifier() || !t.take_punct('(') {
        return Err("not a routine name followed by its arguments");
    }
    loop {
        match t.peek() {
            Some(Token::Punct(')')) => break,
            Some(Token::Word(_) | Token::Quoted | Token::Punct('.' | ',' | '[' | ']')) => t.at += 1,
            _ => return Err("arguments that are not names and types"),
        }
    }
    t.at += 1;
    if t.done() {
        Ok(())
    } else {
        Err("more than one routine")
    }
}

/// SQL text that PostgreSQL deparsed (a default, a CHECK, an index's keys and predicate), pasted
/// into a statement as it is. Its meaning is trusted (README, "Security model"); its shape is
/// checked here: literals and quoted identifiers end where they begin to, whatever the
/// session's `standard_conforming_strings`; parentheses balance; and outside literals there is
/// no `;`, no comment, no backslash (a psql command in a `psql -f` script) and no `$` (dollar
/// quoting), none of which a deparser prints.
pub fn sql_text(text: &str) -> Verdict {
    let bytes = text.as_bytes();
    let mut depth: i32 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\'' => {
                // E'...' (backslash escapes whatever the settings say) or a plain literal
                let escaped = i > 0
                    && matches!(bytes[i - 1], b'e' | b'E')
                    && !is_word_byte(bytes.get(i.wrapping_sub(2)).copied());
                i = literal_end(bytes, i, escaped)?;
            }
            b'"' => i = quoted_identifier_end(bytes, i)?,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth < 0 {
                    return Err("a closing parenthesis without an opening one");
                }
            }
            b';' => return Err("a semicolon"),
            b'\\' => return Err("a backslash outside a literal"),
            b'$' => return Err("a dollar sign outside a literal"),
            b'\0' => return Err("a NUL character"),
            b'-' if bytes.get(i + 1) == Some(&b'-') => return Err("a comment"),
            b'/' if bytes.get(i + 1) == Some(&b'*') => return Err("a comment"),
            _ => {}
        }
        i += 1;
    }
    if depth != 0 {
        return Err("unbalanced parentheses");
    }
    Ok(())
}

/// What `pg_get_functiondef` gives after `CREATE OR REPLACE FUNCTION schema.name(`: the rest of
/// the argument list, the result, attributes and the body, pasted after the migrated schema's
/// name. Literals (dollar-quoted bodies included) and quoted identifiers must end where they
/// begin to; the argument list's parenthesis must close; outside literals there is no comment,
/// no backslash, and no `;` except inside a SQL-standard body (`BEGIN ATOMIC ... END`), which
/// must then end the text; `$` only opens a dollar quote or names a parameter (`$1`).
pub fn routine_definition(text: &str) -> Verdict {
    let bytes = text.as_bytes();
    let mut depth: i32 = 1;
    let mut atomic = false;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\'' => {
                let escaped = i > 0
                    && matches!(bytes[i - 1], b'e' | b'E')
                    && !is_word_byte(bytes.get(i.wrapping_sub(2)).copied());
                i = literal_end(bytes, i, escaped)?;
            }
            b'"' => i = quoted_identifier_end(bytes, i)?,
            // a parameter ($1), or part of a name (a$b)
            b'$' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                || is_word_byte(i.checked_sub(1).map(|p| bytes[p])) => {}
            b'$' => {
                // $tag$ ... $tag$, the tag a name or nothing
                let tag_end = bytes[i + 1..]
                    .iter()
                    .position(|&b| b == b'$')
                    .map(|p| i + 1 + p)
                    .ok_or("a dollar sign that opens nothing")?;
                let tag = &bytes[i..=tag_end];
                if !tag[1..tag.len() - 1]
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80)
                {
                    return Err("a dollar quote with a malformed tag");
                }
                let body = tag_end + 1;
                let close = bytes[body..]
                    .windows(tag.len())
                    .position(|w| w == tag)
                    .ok_or("an unterminated dollar quote")?;
                i = body + close + tag.len() - 1;
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth < 0 {
                    return Err("a closing parenthesis without an opening one");
                }
            }
            b';' if !atomic => return Err("a semicolon"),
            b'\\' => return Err("a backslash outside a literal"),
            b'\0' => return Err("a NUL character"),
            b'-' if bytes.get(i + 1) == Some(&b'-') => return Err("a comment"),
            b'/' if bytes.get(i + 1) == Some(&b'*') => return Err("a comment"),
            b'B' if depth == 0
                && text[i..].starts_with("BEGIN ATOMIC")
                && (i == 0 || bytes[i - 1] == b'\n') =>
            {
                atomic = true
            }
            _ => {}
        }
        i += 1;
    }
    if depth != 0 {
        return Err("unbalanced parentheses");
    }
    if atomic && !text.trim_end().ends_with("\nEND") {
        return Err("a SQL-standard body that does not end the text");
    }
    Ok(())
}

/// Index of the quote that closes the quoted identifier opened at `start` (`""` inside is a quote).
fn quoted_identifier_end(bytes: &[u8], start: usize) -> Result<usize, &'static str> {
    let mut i = start + 1;
    loop {
        match bytes.get(i) {
            None => return Err("an unterminated quoted identifier"),
            Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
            Some(b'"') => return Ok(i),
            Some(_) => i += 1,
        }
    }
}

fn is_word_byte(b: Option<u8>) -> bool {
    b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80)
}

/// Index of the quote that closes the literal opened at `start`. A plain literal must close at
/// the same place whether backslashes escape (`standard_conforming_strings = off`) or not, so
/// that no setting of the applying session can make it swallow what follows.
fn literal_end(bytes: &[u8], start: usize, escaped: bool) -> Result<usize, &'static str> {
    let close = |backslash_escapes: bool| -> Option<usize> {
        let mut i = start + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' if backslash_escapes => i += 2,
                b'\'' if bytes.get(i + 1) == Some(&b'\'') => i += 2,
                b'\'' => return Some(i),
                b'\0' => return None,
                _ => i += 1,
            }
        }
        None
    };
    let end = close(escaped).ok_or("an unterminated literal")?;
    if !escaped && close(true) != Some(end) {
        return Err("a literal that standard_conforming_strings = off would read differently");
    }
    Ok(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_as_format_type_prints_them_pass() {
        for t in [
            "integer",
            "integer[]",
            "character varying(20)",
            "character varying(20)[]",
            "character(1)",
            "bit varying(5)",
            "double precision",
            "numeric(10,2)",
            "timestamp(3) with time zone",
            "timestamp without time zone",
            "time(6) without time zone[]",
            "interval",
            "interval day to second(3)",
            "interval year to month",
            "interval second(3)",
            "\"char\"",
            "public.citext",
            "\"My Schema\".\"My \"\"Type\"\"\"[]",
            "public.geometry(Point,4326)",
            "billing.mood",
        ] {
            assert_eq!(type_name(t), Ok(()), "{t}");
        }
    }

    #[test]
    fn anything_more_than_a_type_is_refused() {
        for t in [
            "int; DROP TABLE x; --",
            "integer DEFAULT 1",
            "integer GENERATED ALWAYS AS (pg_terminate_backend(1)) STORED",
            "numeric((1))",
            "text COLLATE \"C\"",
            "text\\! rm -rf /",
            "",
            " integer",
            "integer  ",
            "a.b.c.d",
            "\"unterminated",
            "timestamp with time",
            "integer[",
            "text -- comment",
        ] {
            assert!(type_name(t).is_err(), "{t}");
        }
    }

    #[test]
    fn collations_are_one_or_two_names() {
        assert_eq!(collation("\"C\""), Ok(()));
        assert_eq!(collation("\"public\".\"de-x-icu\""), Ok(()));
        assert!(collation("\"C\" NOT NULL").is_err());
        assert!(collation("\"C\"; DROP TABLE t").is_err());
    }

    #[test]
    fn signatures_name_one_routine() {
        assert_eq!(signature("order_total(o public.orders)"), Ok(()));
        assert_eq!(
            signature("\"My Func\"(VARIADIC xs integer[], OUT y \"char\")"),
            Ok(())
        );
        assert_eq!(signature("f()"), Ok(()));
        assert!(signature("f(int), g(int)").is_err());
        assert!(signature("f(int) TO evil").is_err());
        assert!(signature("f(int); DROP TABLE x").is_err());
        assert!(signature("f(numeric(1,2))").is_err());
        assert!(signature("f").is_err());
    }

    #[test]
    fn privileges_and_names() {
        assert!(PRIVILEGES.contains(&"SELECT"));
        assert!(!PRIVILEGES.contains(&"ALL; DROP TABLE x"));
        assert_eq!(name("a name with \"quotes\" and ü"), Ok(()));
        assert!(name(&"x".repeat(64)).is_err());
        assert!(name("").is_err());
    }

    #[test]
    fn deparsed_expressions_pass() {
        for e in [
            "nextval('orders_id_seq'::regclass)",
            "'it''s'::text",
            "E'a\\\\b'::text",
            "'a\\b'::text",
            "(ARRAY['a'::character varying, 'b'::character varying])::text[]",
            "CHECK ((note <> '''; DROP TABLE x; --'::text))",
            "FOREIGN KEY (c) REFERENCES \"Odd;\"(id)",
            "(lower(note)) INCLUDE (total) WHERE (total > 0)",
            "now()",
        ] {
            assert_eq!(sql_text(e), Ok(()), "{e}");
        }
    }

    #[test]
    fn text_that_could_end_the_statement_is_refused() {
        for e in [
            "0; DROP TABLE x",
            "0) ; DROP TABLE x; (",
            "0 -- the rest is gone",
            "0 /* hidden */",
            "0 \\! rm -rf /",
            "'unterminated",
            "(1",
            "1)",
            "$$; DROP TABLE x; $$",
            // closes at the second quote with standard_conforming_strings on, and not when off
            "'\\' ; DROP TABLE x; --'",
            "'a\\'",
        ] {
            assert!(sql_text(e).is_err(), "{e}");
        }
    }

    #[test]
    fn routine_definitions_as_the_server_prints_them_pass() {
        for d in [
            "t text)\n RETURNS TABLE(x text)\n LANGUAGE sql\nAS $function$ select * from v; select 1 $function$\n",
            "a integer DEFAULT 3)\n RETURNS integer\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT ((count(*))::integer + f.a)\n    FROM t;\nEND\n",
            "integer)\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nRETURN ($1 + 1)\n",
            "IN x integer)\n LANGUAGE plpgsql\n SET search_path TO 'pg_catalog'\nAS $procedure$ begin perform 1; -- ok\n end $procedure$\n",
            ")\n RETURNS trigger\n LANGUAGE plpgsql\nAS $x$ $$nested$$ $x$\n",
        ] {
            assert_eq!(routine_definition(d), Ok(()), "{d}");
        }
    }

    #[test]
    fn routine_definitions_that_could_end_the_statement_are_refused() {
        for d in [
            "integer)\n RETURNS integer\n LANGUAGE sql\nAS $$ select 1 $$; DROP TABLE x",
            "integer)\n RETURNS integer\n LANGUAGE sql\nAS $$ select 1 $$ -- hidden",
            "integer)\n RETURNS integer\n LANGUAGE sql\nAS $$ select 1 $x$",
            "integer) RETURNS integer LANGUAGE sql AS 'select 1'; DROP TABLE x; --",
            "integer)\n RETURNS integer\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\nEND; DROP TABLE x",
            "integer))\n RETURNS integer",
            "integer\n RETURNS integer",
        ] {
            assert!(routine_definition(d).is_err(), "{d}");
        }
    }
}
