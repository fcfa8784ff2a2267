//! Comparing deparsed expressions. PostgreSQL does not always read its own deparsed text back to
//! the same expression: `c IN ('a', 'b')` on a varchar column deparses as
//! `(ARRAY['a'::character varying, 'b'::character varying])::text[]`, and that text, run again,
//! is stored (and deparsed) as `ARRAY[('a'::character varying)::text, ...]`. Both mean the same;
//! compared as text they would make a plan that never converges. So definitions are compared
//! after rewriting the first form into the second. The DDL always keeps the target's own text.

/// `def` with every `(ARRAY['x'::t, ...])::u[]` written as `ARRAY[('x'::t)::u, ...]`.
pub fn expression(def: &str) -> String {
    let mut out = String::with_capacity(def.len());
    let mut rest = def;
    while let Some(at) = rest.find("(ARRAY[") {
        out.push_str(&rest[..at]);
        match cast_array(&rest[at..]) {
            Some((rewritten, used)) => {
                out.push_str(&rewritten);
                rest = &rest[at + used..];
            }
            None => {
                out.push_str("(ARRAY[");
                rest = &rest[at + "(ARRAY[".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parses `(ARRAY[<literal>::<type>, ...])::<type>[]` at the start of `text`; returns the
/// rewritten form and how many bytes it read.
fn cast_array(text: &str) -> Option<(String, usize)> {
    let mut pos = "(ARRAY[".len();
    let mut elements = Vec::new();
    loop {
        let start = pos;
        pos = literal_end(text, pos)?;
        pos = expect(text, pos, "::")?;
        pos = type_end(text, pos)?;
        elements.push(&text[start..pos]);
        if let Some(next) = expect(text, pos, ", ") {
            pos = next;
        } else {
            pos = expect(text, pos, "])::")?;
            break;
        }
    }
    let type_start = pos;
    let type_stop = text[pos..].find("[]")? + pos;
    let element_type = &text[type_start..type_stop];
    if element_type.is_empty() || element_type.contains(['(', ')', '[', ']', '\'']) {
        return None;
    }
    let items: Vec<String> = elements
        .iter()
        .map(|e| format!("({e})::{element_type}"))
        .collect();
    Some((format!("ARRAY[{}]", items.join(", ")), type_stop + 2))
}

/// End of a string literal (`'...'` or `E'...'`, quotes doubled inside) starting at `pos`.
fn literal_end(text: &str, pos: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = pos;
    if bytes.get(i) == Some(&b'E') {
        i += 1;
    }
    if bytes.get(i) != Some(&b'\'') {
        return None;
    }
    i += 1;
    loop {
        match bytes.get(i)? {
            b'\'' if bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b'\'' => return Some(i + 1),
            b'\\' if bytes[pos] == b'E' => i += 2,
            _ => i += 1,
        }
    }
}

/// End of a type name: up to the next `,` or `]` outside parentheses.
fn type_end(text: &str, pos: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, c) in text[pos..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            ',' | ']' if depth == 0 => return (offset > 0).then_some(pos + offset),
            ')' => return None,
            _ => {}
        }
    }
    None
}

fn expect(text: &str, pos: usize, token: &str) -> Option<usize> {
    text[pos..].starts_with(token).then_some(pos + token.len())
}

#[cfg(test)]
mod tests {
    use super::expression;

    #[test]
    fn an_in_list_on_varchar_reads_the_same_both_ways() {
        let as_deparsed = "CHECK (((c)::text = ANY ((ARRAY['a'::character varying, 'b''c'::character varying])::text[])))";
        let as_read_back = "CHECK (((c)::text = ANY (ARRAY[('a'::character varying)::text, ('b''c'::character varying)::text])))";
        assert_eq!(expression(as_deparsed), as_read_back);
        assert_eq!(expression(as_read_back), as_read_back);
    }

    #[test]
    fn other_text_is_left_alone() {
        for text in [
            "CHECK ((price > (0)::numeric))",
            "CHECK ((tags && (ARRAY[1, 2])::integer[]))",
            "(ARRAY[",
            "CHECK ((x = ANY ((ARRAY['a, b'::text])::character varying", // no closing []
            "(ARRAY['a'::text, 'b'",                                     // cut short
        ] {
            assert_eq!(expression(text), text);
        }
    }

    #[test]
    fn escaped_literals_and_typmods_are_read_whole() {
        assert_eq!(
            expression(
                r"(ARRAY[E'a\\b'::character varying(5), 'x'::character varying(5)])::text[]"
            ),
            r"ARRAY[(E'a\\b'::character varying(5))::text, ('x'::character varying(5))::text]"
        );
    }
}
