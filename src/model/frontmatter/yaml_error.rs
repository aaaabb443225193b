//! Turning serde_yaml's errors into waymark's diagnostics: the file's own
//! line and column rather than the YAML block's, the words a person writing
//! YAML uses rather than serde's (`must be a list`, not `invalid type:
//! integer, expected a sequence`), and help for the common mistakes. Kept
//! apart from the parsing itself because it is all text surgery on serde's
//! messages, and those are worth testing on their own.

use crate::diag::Code;
use crate::diag::{Diagnostic, nearest};

/// Converts a serde_yaml error into a diagnostic pointing into the file,
/// with help for the common cases. `yaml` is the text given to serde_yaml,
/// which starts on line `line_offset` of the file.
pub(crate) fn yaml_error(
    path: &str,
    file_text: &str,
    line_offset: usize,
    err: &serde_yaml::Error,
    known_hint: &[&str],
) -> Diagnostic {
    let (message, marks) = strip_marks(&err.to_string());
    let at = |(l, c): (usize, usize)| (l + line_offset - 1, c);
    let (mut line, mut col) = err
        .location()
        .map_or((line_offset, 1), |l| at((l.line(), l.column())));
    // Where the unclosed thing started is more useful than where the text ended.
    if message.contains(", while ")
        && let Some(&start) = marks.get(1)
    {
        (line, col) = at(start);
    }
    let place = Place {
        path,
        file_text,
        line_offset,
        line,
        col,
    };
    if let Some(field) = between(&message, "unknown field `", "`") {
        return place.unknown_field(field, &message, known_hint);
    }
    if let Some(key) = between(&message, "duplicate entry with key \"", "\"")
        .or_else(|| between(&message, "duplicate field `", "`"))
    {
        return place.duplicate_key(key);
    }
    if let Some(field) = between(&message, "missing field `", "`") {
        return place.missing_field(field, &message);
    }
    let message = plain_types(&message);
    let (code, help) = code_and_help(&message);
    let message = if code == Code::InvalidType {
        rephrase(&message)
    } else {
        message
    };
    // A quote left open on one line runs on until the next quote, often a
    // later value's: the parser then stumbles there, lines below the real
    // mistake. Point where the runaway quote opens.
    if code == Code::YamlSyntax
        && let Some((open_line, open_col, close_line)) = runaway_quote(file_text, line_offset, line)
    {
        let mut d = Diagnostic::error(
            code,
            format!("this quote is not closed on its line: the value runs on to line {close_line}"),
        )
        .at(path, file_text, open_line, open_col);
        d.help = Some("add the closing quote at the end of this line".to_string());
        return d;
    }
    let mut d = Diagnostic::error(code, message).at(path, file_text, line, col);
    d.help = help.map(str::to_owned);
    d
}

/// Where serde_yaml's error points, in the file: what the diagnostics for
/// the errors that name a key start from.
struct Place<'a> {
    path: &'a str,
    file_text: &'a str,
    /// The file line the YAML given to serde_yaml starts on.
    line_offset: usize,
    line: usize,
    col: usize,
}

impl Place<'_> {
    /// `unknown field `x`, expected one of …`: the nearest known key, or
    /// the list of them when none is near.
    fn unknown_field(&self, field: &str, message: &str, known_hint: &[&str]) -> Diagnostic {
        let mut expected: Vec<&str> = message.split('`').skip(3).step_by(2).collect::<Vec<_>>();
        if expected.is_empty() {
            expected = known_hint.to_vec();
        }
        let mut d = Diagnostic::error(Code::UnknownKey, format!("unknown key `{field}`")).at(
            self.path,
            self.file_text,
            self.line,
            self.col,
        );
        let near = nearest(field, expected.iter().copied());
        d.suggestion = near.map(str::to_string);
        d.help = Some(match near {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("the keys allowed here are: {}", expected.join(", ")),
        });
        d
    }

    /// serde_yaml points at the mapping that holds the key twice; the second
    /// time it is written is the one to remove.
    fn duplicate_key(&self, key: &str) -> Diagnostic {
        let yaml: String = self
            .file_text
            .lines()
            .skip(self.line_offset - 1)
            .collect::<Vec<_>>()
            .join("\n");
        let indent = self.col.saturating_sub(1);
        let (mut line, mut col) = (self.line, self.col);
        if let Some(l) = second_occurrence(&yaml, key, line + 1 - self.line_offset, indent) {
            (line, col) = (l + self.line_offset - 1, indent + 1);
        }
        Diagnostic::error(Code::DuplicateKey, format!("`{key}` is given twice"))
            .at(self.path, self.file_text, line, col)
            .with_help("a key can appear once: keep one of them")
    }

    /// Only the small mappings inside a list (`metrics`, `links`) have
    /// required keys, so the help shows one.
    fn missing_field(&self, field: &str, message: &str) -> Diagnostic {
        Diagnostic::error(Code::MissingField, rephrase(&plain_types(message)))
            .at(self.path, self.file_text, self.line, self.col)
            .with_help(format!(
                "add `{field}:` here, e.g. `{{ label: \"p99 latency\", value: \"310 ms\" }}`"
            ))
    }
}

/// The code of any other error (already in [`plain_types`] words), and the
/// help for the mistakes that cause it most often.
fn code_and_help(message: &str) -> (Code, Option<&'static str>) {
    if message.contains("invalid type") || message.contains("invalid value") {
        let help = if message.contains("expected a list") {
            Some("write a list: `[a, b]`, or one `- item` per line below the key")
        } else if message.contains("expected a boolean") {
            Some("write `true` or `false`")
        } else if message.contains("expected a number") {
            Some("write a number, e.g. `7`")
        } else if message.contains("expected text") {
            Some("write text; quote it if it starts with `[`, `{`, `*`, `&` or `!`")
        } else if message.contains("expected a mapping") {
            Some("write `key: value` lines, indented below this key")
        } else {
            None
        };
        (Code::InvalidType, help)
    } else if message.contains("while scanning a quoted scalar") {
        (
            Code::YamlSyntax,
            Some("this quote is never closed: add the closing quote"),
        )
    } else if message.contains("while parsing a flow sequence") {
        (
            Code::YamlSyntax,
            Some(
                "this `[` is never closed: add `]`, or quote the value if the `[` is part of the text",
            ),
        )
    } else if message.contains("while parsing a flow mapping") {
        (
            Code::YamlSyntax,
            Some(
                "this `{` is never closed: add `}`, or quote the value if the `{` is part of the text",
            ),
        )
    } else if message.contains("found character that cannot start any token")
        || message.contains("mapping values are not allowed")
        || message.contains("did not find expected")
    {
        (
            Code::YamlSyntax,
            Some(
                "check the indentation and quote values that contain `: ` or start with a special character",
            ),
        )
    } else {
        (Code::YamlSyntax, None)
    }
}

/// `(message, [(line, column), …])`: a serde_yaml message with every
/// ` at line N column M` taken out, and those marks (1-based, in the YAML
/// text) in the order they appeared.
fn strip_marks(raw: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::new();
    let mut marks = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.find(" at line ") {
        let after = &rest[i + " at line ".len()..];
        let line_len = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        let tail = &after[line_len..];
        let parsed = tail.strip_prefix(" column ").and_then(|t| {
            let n = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
            Some((
                after[..line_len].parse().ok()?,
                t[..n].parse().ok()?,
                &t[n..],
            ))
        });
        match parsed {
            Some((l, c, t)) => {
                out.push_str(&rest[..i]);
                marks.push((l, c));
                rest = t;
            }
            None => {
                out.push_str(&rest[..i + 1]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    (out, marks)
}

/// `tags: invalid type: integer `5`, expected a list` becomes
/// `` `tags` must be a list, not integer `5` ``; `metrics[0]: missing field
/// `value`` becomes `` `metrics[0]` has no `value` ``.
fn rephrase(message: &str) -> String {
    let (path, rest) = match message.split_once(": ") {
        Some((p, r)) if top_key(message).is_some() => (Some(p), r),
        _ => (None, message),
    };
    let subject = path.map_or_else(|| "this value".to_string(), |p| format!("`{p}`"));
    if let Some(r) = rest
        .strip_prefix("invalid type: ")
        .or_else(|| rest.strip_prefix("invalid value: "))
        && let Some((found, expected)) = r.split_once(", expected ")
    {
        return format!("{subject} must be {expected}, not {found}");
    }
    if let Some(field) = between(rest, "missing field `", "`") {
        return format!("{subject} has no `{field}`");
    }
    message.to_string()
}

/// serde's words for types, in the words a person writing YAML uses.
fn plain_types(message: &str) -> String {
    let mut m = message
        .replace("a sequence", "a list")
        .replace("type: sequence", "type: a list")
        .replace("type: map", "type: a mapping")
        .replace("expected f64", "expected a number")
        .replace("expected a piece of text", "expected text")
        .replace("expected field identifier", "expected a key");
    if let Some(i) = m.find("expected struct ") {
        m.truncate(i);
        m.push_str("expected a mapping (`key: value` lines)");
    }
    m
}

/// Finds the line (1-based, in `yaml`) holding the second `key:` at the
/// indentation of `first_line`'s mapping.
fn second_occurrence(yaml: &str, key: &str, from_line: usize, indent: usize) -> Option<usize> {
    let mut seen = 0;
    for (i, line) in yaml.lines().enumerate().skip(from_line.saturating_sub(1)) {
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() != indent {
            continue;
        }
        let k = trimmed.trim_start_matches('"').trim_start_matches('\'');
        if k.starts_with(key)
            && k[key.len()..]
                .trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with(':')
        {
            seen += 1;
            if seen == 2 {
                return Some(i + 1);
            }
        }
    }
    None
}

/// The first quoted value, opening on a line of the YAML before
/// `error_line`, that is not closed on its own line: its opening line and
/// column, and the line its quote closes on (all file lines, 1-based).
fn runaway_quote(
    file_text: &str,
    line_offset: usize,
    error_line: usize,
) -> Option<(usize, usize, usize)> {
    let lines: Vec<&str> = file_text.lines().collect();
    let first = line_offset.max(1);
    let mut n = first;
    while n < error_line {
        let text = lines.get(n - 1)?;
        if text.trim_start() == "---" && n > first {
            return None;
        }
        // A value starts after `key: ` or `- `; a quote there opens it.
        let start = text
            .find(": ")
            .map(|i| i + 2)
            .or_else(|| {
                text.trim_start()
                    .starts_with("- ")
                    .then(|| text.len() - text.trim_start().len() + 2)
            })
            .filter(|&i| i < text.len());
        if let Some(i) = start {
            let rest = &text[i..];
            let value = rest.trim_start();
            let at = i + (rest.len() - value.len());
            if let Some(q) = value.chars().next().filter(|c| *c == '"' || *c == '\'')
                && !closes(&value[1..], q)
            {
                // The line where it closes.
                let close = (n + 1..=lines.len())
                    .find(|&m| lines.get(m - 1).is_some_and(|t| t.contains(q)))?;
                if close <= error_line {
                    let col = text[..at].chars().count() + 1;
                    return Some((n, col, close));
                }
                return None;
            }
        }
        n += 1;
    }
    None
}

/// Whether a quoted value that began just before `rest` is closed in it.
fn closes(rest: &str, quote: char) -> bool {
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            // '' is an escaped quote inside single quotes.
            if quote == '\'' && chars.peek() == Some(&'\'') {
                chars.next();
            } else {
                return true;
            }
        }
    }
    false
}

/// The top-level key a serde error is about (`tags` in `tags[0]: …`).
pub(super) fn top_key(message: &str) -> Option<&str> {
    let end = message.find(": ")?;
    let path = &message[..end];
    let key_end = path.find(['.', '[']).unwrap_or(path.len());
    let key = &path[..key_end];
    (!key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_')).then_some(key)
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_taken_out_of_the_message_in_order() {
        let (m, marks) = strip_marks(
            "did not find expected ',' or ']' at line 3 column 1, while parsing a flow sequence at line 2 column 7",
        );
        assert_eq!(
            m,
            "did not find expected ',' or ']', while parsing a flow sequence"
        );
        assert_eq!(marks, [(3, 1), (2, 7)]);
        // Text that only looks like a mark stays.
        assert_eq!(
            strip_marks("title at line one"),
            ("title at line one".to_string(), vec![])
        );
    }

    #[test]
    fn serde_words_become_yaml_words() {
        assert_eq!(
            plain_types("tags: invalid type: integer `5`, expected a sequence"),
            "tags: invalid type: integer `5`, expected a list"
        );
        assert_eq!(
            plain_types("wellbeing: invalid type: integer `5`, expected struct RawWellbeing"),
            "wellbeing: invalid type: integer `5`, expected a mapping (`key: value` lines)"
        );
        assert_eq!(
            rephrase("tags: invalid type: integer `5`, expected a list"),
            "`tags` must be a list, not integer `5`"
        );
        assert_eq!(
            rephrase("metrics[0]: missing field `value`"),
            "`metrics[0]` has no `value`"
        );
        assert_eq!(
            rephrase("invalid type: integer `5`, expected a mapping"),
            "this value must be a mapping, not integer `5`"
        );
    }

    #[test]
    fn each_kind_of_error_has_its_code_and_help() {
        let (code, help) =
            code_and_help("`draft` must be a boolean: invalid type, expected a boolean");
        assert_eq!(
            (code.as_str(), help),
            ("invalid-type", Some("write `true` or `false`"))
        );
        assert_eq!(code_and_help("invalid value: x").1, None);
        let (code, help) =
            code_and_help("found unexpected end of stream, while scanning a quoted scalar");
        assert_eq!(code, "yaml-syntax");
        assert!(help.unwrap().contains("quote is never closed"));
        assert!(
            code_and_help("x, while parsing a flow mapping")
                .1
                .unwrap()
                .contains("`{`")
        );
        assert!(
            code_and_help("mapping values are not allowed in this context")
                .1
                .unwrap()
                .contains("indentation")
        );
        let (code, help) = code_and_help("something else");
        assert_eq!((code.as_str(), help), ("yaml-syntax", None));
    }

    #[test]
    fn the_key_an_error_is_about() {
        assert_eq!(top_key("tags[0]: invalid type"), Some("tags"));
        assert_eq!(top_key("wellbeing.career: invalid type"), Some("wellbeing"));
        assert_eq!(top_key("did not find expected key: x"), None);
        assert_eq!(top_key("no colon here"), None);
    }

    #[test]
    fn the_second_of_two_keys_at_one_indentation() {
        let yaml = "a:\n  title: x\ntitle: A\nb: 1\ntitle: B\n";
        assert_eq!(second_occurrence(yaml, "title", 1, 0), Some(5));
        assert_eq!(second_occurrence(yaml, "title", 4, 0), None);
        assert_eq!(
            second_occurrence("'title': a\ntitle: b\n", "title", 1, 0),
            Some(2)
        );
    }

    #[test]
    fn a_runaway_quote_is_found_where_it_opens() {
        let file = "---\ntitle: \"Shipped it\nimpact: \"3x\"\n---\n";
        assert_eq!(runaway_quote(file, 2, 3), Some((2, 8, 3)));
        // A quote closed on its own line, with escapes, is not one.
        let file = "---\ntitle: \"say \\\"hi\\\"\"\nwhy: 'it''s'\ntags: [a\n---\n";
        assert_eq!(runaway_quote(file, 2, 4), None);
        assert!(closes("it''s'", '\''));
        assert!(!closes("it''s", '\''));
        assert!(!closes("a \\\"", '"'));
    }
}
