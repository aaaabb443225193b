//! Front matter: splitting the `---` block off an entry and parsing it
//! strictly, with every error pointing at the file's own line and column.
//! Every serde_yaml call for content lives here (config.rs has the other).

use serde::Deserialize;

use crate::diag::{Diagnostic, nearest};
use crate::model::kind::Kind;

/// Keys every kind accepts.
pub const COMMON_KEYS: &[&str] = &[
    "title",
    "date",
    "summary",
    "tags",
    "draft",
    "visibility",
    "slug",
    "featured",
    "extra",
    "kind",
];

/// Keys a kind accepts beyond the common ones.
pub fn kind_keys(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Achievement => &["impact", "metrics", "skills", "goals", "with", "links"],
        Kind::Goal => &[
            "horizon",
            "due",
            "status",
            "measure",
            "why",
            "parent",
            "progress",
            "achieved_on",
        ],
        Kind::Reflection => &["period", "wellbeing", "mood"],
        Kind::Milestone => &["end", "role", "org", "type"],
        Kind::Share => &["for", "from", "to", "include", "ask", "sealed", "key_salt"],
        Kind::Page | Kind::Home => &[],
    }
}

fn allowed_keys(kind: Kind) -> impl Iterator<Item = &'static str> {
    COMMON_KEYS.iter().chain(kind_keys(kind)).copied()
}

/// A YAML scalar read as text, so `title: 2026` or `period: 2026` work.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a piece of text")
            }
            fn visit_str<E>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl Text {
    pub fn into_inner(self) -> String {
        self.0
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawMetric {
    pub label: Text,
    pub value: Text,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub label: Text,
    pub url: Text,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawWellbeing {
    pub career: Option<f64>,
    pub health: Option<f64>,
    pub relationships: Option<f64>,
    pub growth: Option<f64>,
    pub purpose: Option<f64>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawInclude {
    pub tags: Option<Vec<Text>>,
    pub skills: Option<Vec<Text>>,
    pub goals: Option<Vec<Text>>,
    pub featured: Option<bool>,
}

/// Front matter exactly as written: every field optional, unknown keys
/// refused. Which fields a kind may use is checked before this is parsed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub kind: Option<Text>,
    pub title: Option<Text>,
    pub date: Option<Text>,
    pub summary: Option<Text>,
    pub tags: Option<Vec<Text>>,
    pub draft: Option<bool>,
    pub visibility: Option<Text>,
    pub slug: Option<Text>,
    pub featured: Option<bool>,
    pub extra: Option<serde_yaml::Value>,
    pub impact: Option<Text>,
    pub metrics: Option<Vec<RawMetric>>,
    pub skills: Option<Vec<Text>>,
    pub goals: Option<Vec<Text>>,
    pub with: Option<Vec<Text>>,
    pub links: Option<Vec<RawLink>>,
    pub horizon: Option<Text>,
    pub due: Option<Text>,
    pub status: Option<Text>,
    pub measure: Option<Text>,
    pub why: Option<Text>,
    pub parent: Option<Text>,
    pub progress: Option<f64>,
    pub achieved_on: Option<Text>,
    pub period: Option<Text>,
    pub wellbeing: Option<RawWellbeing>,
    pub mood: Option<Text>,
    pub end: Option<Text>,
    pub role: Option<Text>,
    pub org: Option<Text>,
    #[serde(rename = "type")]
    pub milestone_type: Option<Text>,
    #[serde(rename = "for")]
    pub for_whom: Option<Text>,
    pub from: Option<Text>,
    pub to: Option<Text>,
    pub include: Option<RawInclude>,
    pub ask: Option<Text>,
    pub sealed: Option<bool>,
    pub key_salt: Option<Text>,
}

fn fill<T: Clone>(slot: &mut Option<T>, default: &Option<T>) {
    if slot.is_none() {
        slot.clone_from(default);
    }
}

impl RawFrontMatter {
    /// Fills every field the entry left out from the config's per-kind defaults.
    pub fn merge_defaults(&mut self, defaults: &RawFrontMatter) {
        // Destructured so that a new field cannot be forgotten here.
        let RawFrontMatter {
            kind,
            title,
            date,
            summary,
            tags,
            draft,
            visibility,
            slug,
            featured,
            extra,
            impact,
            metrics,
            skills,
            goals,
            with,
            links,
            horizon,
            due,
            status,
            measure,
            why,
            parent,
            progress,
            achieved_on,
            period,
            wellbeing,
            mood,
            end,
            role,
            org,
            milestone_type,
            for_whom,
            from,
            to,
            include,
            ask,
            sealed,
            key_salt,
        } = defaults;
        fill(&mut self.kind, kind);
        fill(&mut self.title, title);
        fill(&mut self.date, date);
        fill(&mut self.summary, summary);
        fill(&mut self.tags, tags);
        fill(&mut self.draft, draft);
        fill(&mut self.visibility, visibility);
        fill(&mut self.slug, slug);
        fill(&mut self.featured, featured);
        fill(&mut self.extra, extra);
        fill(&mut self.impact, impact);
        fill(&mut self.metrics, metrics);
        fill(&mut self.skills, skills);
        fill(&mut self.goals, goals);
        fill(&mut self.with, with);
        fill(&mut self.links, links);
        fill(&mut self.horizon, horizon);
        fill(&mut self.due, due);
        fill(&mut self.status, status);
        fill(&mut self.measure, measure);
        fill(&mut self.why, why);
        fill(&mut self.parent, parent);
        fill(&mut self.progress, progress);
        fill(&mut self.achieved_on, achieved_on);
        fill(&mut self.period, period);
        fill(&mut self.wellbeing, wellbeing);
        fill(&mut self.mood, mood);
        fill(&mut self.end, end);
        fill(&mut self.role, role);
        fill(&mut self.org, org);
        fill(&mut self.milestone_type, milestone_type);
        fill(&mut self.for_whom, for_whom);
        fill(&mut self.from, from);
        fill(&mut self.to, to);
        fill(&mut self.include, include);
        fill(&mut self.ask, ask);
        fill(&mut self.sealed, sealed);
        fill(&mut self.key_salt, key_salt);
    }
}

/// An entry's text cut into its front matter and body, with the line numbers
/// each starts on so errors can point into the original file.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Cuts `text` (already UTF-8, BOM stripped, LF line endings) at its `---`
/// fences.
pub fn split<'a>(path: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        let help = if first.trim_end() == "+++" {
            "waymark reads YAML front matter between `---` lines, not TOML between `+++`"
        } else {
            "start the file with a `---` line, then `title: ...`, then another `---` line"
        };
        return Err(
            Diagnostic::error("no-front-matter", "this entry has no front matter")
                .at(path, text, 1, 1)
                .with_help(help),
        );
    }
    let yaml_start = first.len() + 1;
    let mut offset = yaml_start.min(text.len());
    let mut line_no = 2;
    while offset < text.len() {
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = &text[offset..line_end];
        if line.trim_end() == "---" {
            let body_start = (line_end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset = line_end + 1;
        line_no += 1;
    }
    Err(Diagnostic::error(
        "unterminated-front-matter",
        "the front matter is never closed",
    )
    .at(path, text, 1, 1)
    .with_help("add a line with only `---` after the last front matter key"))
}

/// Where a key is written in a YAML block: 1-based line within the block,
/// column of the key and column of its value (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPos {
    pub line: usize,
    pub key_col: usize,
    pub value_col: usize,
}

/// Finds `path` (top-level key, then nested keys) in a block-style YAML
/// mapping. Good enough to point at the line a value came from; returns None
/// for flow style or anything unusual, and callers then point at the fence.
pub fn key_position(yaml: &str, path: &[&str]) -> Option<KeyPos> {
    let mut parent_indent: Option<usize> = None;
    let mut depth = 0;
    let mut found = None;
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if let Some(p) = parent_indent
            && indent <= p
        {
            return found;
        }
        let want = path[depth];
        let key_len = if let Some(rest) = trimmed.strip_prefix(want) {
            rest.trim_start().starts_with(':').then_some(want.len())
        } else {
            let quoted = format!("\"{want}\"");
            trimmed
                .starts_with(&quoted)
                .then_some(quoted.len())
                .filter(|&n| trimmed[n..].trim_start().starts_with(':'))
        };
        let Some(key_len) = key_len else { continue };
        if parent_indent.is_none() && indent != 0 {
            continue;
        }
        let after = &trimmed[key_len..];
        let colon = after.find(':').unwrap_or(0);
        let value = &after[colon + 1..];
        let value_pad = value.len() - value.trim_start().len();
        let pos = KeyPos {
            line: i + 1,
            key_col: indent + 1,
            value_col: indent + key_len + colon + 1 + value_pad + 1,
        };
        depth += 1;
        if depth == path.len() {
            return Some(pos);
        }
        found = None;
        parent_indent = Some(indent);
    }
    found
}

/// Where `key`'s value sits in a flow mapping (`goal: { status: done }`)
/// written on the line of `parent`.
pub fn in_flow_mapping(text: &str, parent: &[&str], key: &str) -> Option<(usize, usize)> {
    flow_key_position(text, parent, key).map(|p| (p.line, p.value_col))
}

/// Like [`key_position`] for a key inside a flow mapping written on the
/// line of `parent` (`goal: { status: done }`); lines and columns 1-based.
pub fn flow_key_position(text: &str, parent: &[&str], key: &str) -> Option<KeyPos> {
    let p = key_position(text, parent)?;
    let line = text.lines().nth(p.line - 1)?;
    let start = line.char_indices().nth(p.value_col - 1).map(|(i, _)| i)?;
    let rest = &line[start..];
    let at = rest
        .match_indices(key)
        .find(|(i, _)| {
            rest[..*i].ends_with(['{', ',', ' '])
                && rest[i + key.len()..].trim_start().starts_with(':')
        })?
        .0;
    let after = &rest[at + key.len()..];
    let colon = after.find(':')?;
    let pad = after[colon + 1..].len() - after[colon + 1..].trim_start().len();
    let value_byte = start + at + key.len() + colon + 1 + pad;
    Some(KeyPos {
        line: p.line,
        key_col: line[..start + at].chars().count() + 1,
        value_col: line[..value_byte].chars().count() + 1,
    })
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

/// Converts a serde_yaml error into a diagnostic pointing into the file,
/// with help for the common cases. `yaml` is the text given to serde_yaml,
/// which starts on line `line_offset` of the file.
pub fn yaml_error(
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
    if let Some(field) = between(&message, "unknown field `", "`") {
        let mut expected: Vec<&str> = message.split('`').skip(3).step_by(2).collect::<Vec<_>>();
        if expected.is_empty() {
            expected = known_hint.to_vec();
        }
        let mut d = Diagnostic::error("unknown-key", format!("unknown key `{field}`"))
            .at(path, file_text, line, col);
        d.help = Some(match nearest(field, expected.iter().copied()) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("the keys allowed here are: {}", expected.join(", ")),
        });
        return d;
    }
    if let Some(key) = between(&message, "duplicate entry with key \"", "\"")
        .or_else(|| between(&message, "duplicate field `", "`"))
    {
        let yaml: String = file_text
            .lines()
            .skip(line_offset - 1)
            .collect::<Vec<_>>()
            .join("\n");
        let indent = col.saturating_sub(1);
        if let Some(l) = second_occurrence(&yaml, key, line + 1 - line_offset, indent) {
            (line, col) = (l + line_offset - 1, indent + 1);
        }
        return Diagnostic::error("duplicate-key", format!("`{key}` is given twice"))
            .at(path, file_text, line, col)
            .with_help("a key can appear once: keep one of them");
    }
    if let Some(field) = between(&message, "missing field `", "`") {
        let field = field.to_string();
        return Diagnostic::error("missing-field", rephrase(&plain_types(&message)))
            .at(path, file_text, line, col)
            .with_help(format!(
                "add `{field}:` here, e.g. `{{ label: \"p99 latency\", value: \"310 ms\" }}`"
            ));
    }
    let message = plain_types(&message);
    let (code, help) = if message.contains("invalid type") || message.contains("invalid value") {
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
        ("invalid-type", help)
    } else if message.contains("while scanning a quoted scalar") {
        (
            "yaml-syntax",
            Some("this quote is never closed: add the closing quote"),
        )
    } else if message.contains("while parsing a flow sequence") {
        (
            "yaml-syntax",
            Some(
                "this `[` is never closed: add `]`, or quote the value if the `[` is part of the text",
            ),
        )
    } else if message.contains("while parsing a flow mapping") {
        (
            "yaml-syntax",
            Some(
                "this `{` is never closed: add `}`, or quote the value if the `{` is part of the text",
            ),
        )
    } else if message.contains("found character that cannot start any token")
        || message.contains("mapping values are not allowed")
        || message.contains("did not find expected")
    {
        (
            "yaml-syntax",
            Some(
                "check the indentation and quote values that contain `: ` or start with a special character",
            ),
        )
    } else {
        ("yaml-syntax", None)
    };
    let message = if code == "invalid-type" {
        rephrase(&message)
    } else {
        message
    };
    // A quote left open on one line runs on until the next quote, often a
    // later value's: the parser then stumbles there, lines below the real
    // mistake. Point where the runaway quote opens.
    if code == "yaml-syntax"
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
fn top_key(message: &str) -> Option<&str> {
    let end = message.find(": ")?;
    let path = &message[..end];
    let key_end = path.find(['.', '[']).unwrap_or(path.len());
    let key = &path[..key_end];
    (!key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_')).then_some(key)
}

/// `yaml` with the block of top-level `key` blanked out (lines kept, so
/// later errors still point at the right lines).
fn blank_key(yaml: &str, key: &str) -> Option<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut found = false;
    for line in yaml.split('\n') {
        let starts_top = !line.is_empty() && !line.starts_with([' ', '#', '-']);
        if starts_top {
            let k = line.trim_start_matches(['"', '\'']);
            in_block = !found
                && k.starts_with(key)
                && k[key.len()..]
                    .trim_start_matches(['"', '\''])
                    .trim_start()
                    .starts_with(':');
            found |= in_block;
        }
        out.push(if in_block { "" } else { line });
    }
    found.then(|| out.join("\n"))
}

/// Parses a YAML block strictly into `T`, reporting a problem in every
/// top-level key rather than only the first: after each error its key is
/// blanked out and the rest parsed again. Returns what parsed without the
/// bad keys (so later checks can still run on the rest) and the errors.
pub fn parse_lenient<T: serde::de::DeserializeOwned>(
    path: &str,
    file_text: &str,
    yaml: &str,
    line_offset: usize,
    known_hint: &[&str],
) -> (Option<T>, Vec<Diagnostic>) {
    let mut text = yaml.to_string();
    let mut errors = Vec::new();
    for _ in 0..64 {
        match serde_yaml::from_str::<T>(&text) {
            Ok(v) => return (Some(v), errors),
            Err(e) => {
                errors.push(yaml_error(path, file_text, line_offset, &e, known_hint));
                let next = top_key(&e.to_string()).and_then(|k| blank_key(&text, k));
                match next {
                    Some(t) if t != text => text = t,
                    _ => break,
                }
            }
        }
    }
    (None, errors)
}

/// `yaml` without the top-level `keys` (their lines left blank).
pub fn without_keys(yaml: &str, keys: &[String]) -> String {
    let mut text = yaml.to_string();
    for k in keys {
        if let Some(t) = blank_key(&text, k) {
            text = t;
        }
    }
    text
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

/// Points at every line that indents with a tab, which YAML forbids.
pub fn check_tabs(path: &str, file_text: &str, yaml: &str, yaml_line: usize) -> Vec<Diagnostic> {
    yaml.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let lead: &str = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            let col = lead.find('\t')?;
            Some(
                Diagnostic::error("tab-in-yaml", "a tab is used for indentation")
                    .at(path, file_text, yaml_line + i, col + 1)
                    .with_help("YAML indents with spaces only: replace the tab with spaces"),
            )
        })
        .collect()
}

/// The outcome of reading one entry's front matter.
pub struct Parsed<'a> {
    pub raw: RawFrontMatter,
    pub split: Split<'a>,
    pub kind: Kind,
    /// Problems found while reading: the keys they concern were left out of
    /// `raw`, so `entry::resolve` can still check the rest and report all.
    pub errors: Vec<Diagnostic>,
}

/// Reads an entry's front matter: fences, tabs, YAML syntax, the keys its
/// kind allows (all unknown keys at once), then the typed fields.
pub fn parse<'a>(
    path: &str,
    text: &'a str,
    folder_kind: Option<Kind>,
) -> Result<Parsed<'a>, Vec<Diagnostic>> {
    let split = split(path, text).map_err(|d| vec![d])?;
    let tabs = check_tabs(path, text, split.yaml, split.yaml_line);
    if !tabs.is_empty() {
        return Err(tabs);
    }
    if split.yaml.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("empty-front-matter", "the front matter is empty")
                .at(path, text, 1, 1)
                .with_help("add at least a title between the `---` lines, e.g. `title: \"Shipped the new importer\"`"),
        ]);
    }
    let value: serde_yaml::Value = serde_yaml::from_str(split.yaml)
        .map_err(|e| vec![yaml_error(path, text, split.yaml_line, &e, COMMON_KEYS)])?;
    let serde_yaml::Value::Mapping(map) = &value else {
        return Err(vec![
            Diagnostic::error(
                "front-matter-not-a-mapping",
                "the front matter is not a list of `key: value` lines",
            )
            .at(path, text, split.yaml_line, 1)
            .with_help("write it as `title: \"...\"` lines between the `---` fences"),
        ]);
    };
    let mut errors = Vec::new();
    // Every other check depends on the kind, so a kind that cannot be read
    // stops this file's checks here (other files are still checked).
    let declared_kind = match map.get("kind") {
        None => None,
        Some(v) => match v.as_str() {
            Some(name) => Some(name),
            None => {
                let pos = key_position(split.yaml, &["kind"]);
                let (line, col) = pos.map_or((split.yaml_line, 1), |p| {
                    (split.yaml_line + p.line - 1, p.value_col)
                });
                return Err(vec![
                    Diagnostic::error("invalid-type", "`kind` must be a word")
                        .at(path, text, line, col)
                        .with_help(format!("kinds are: {}", Kind::NAMES.join(", "))),
                ]);
            }
        },
    };
    let kind = match declared_kind {
        Some(name) => match Kind::from_name(name) {
            Some(k) => k,
            None => {
                let pos = key_position(split.yaml, &["kind"]);
                let (line, col) = pos.map_or((split.yaml_line, 1), |p| {
                    (split.yaml_line + p.line - 1, p.value_col)
                });
                let names = Kind::NAMES;
                let help = match nearest(name, names.iter().copied()) {
                    Some(n) => format!("did you mean `{n}`? kinds are: {}", names.join(", ")),
                    None => format!("kinds are: {}", names.join(", ")),
                };
                return Err(vec![
                    Diagnostic::error("unknown-kind", format!("unknown kind `{name}`"))
                        .at(path, text, line, col)
                        .with_help(help),
                ]);
            }
        },
        None => match folder_kind {
            Some(k) => k,
            None => {
                return Err(vec![
                    Diagnostic::error("unknown-kind", "waymark cannot tell what kind of entry this is")
                        .at(path, text, 1, 1)
                        .with_help(format!(
                            "put it in one of content/{{achievements,goals,reflections,journey,share,pages}}/ or add `kind:` ({})",
                            Kind::NAMES.join(", ")
                        )),
                ]);
            }
        },
    };
    for key in map.keys() {
        let Some(key) = key.as_str() else {
            errors.push(
                Diagnostic::error("unknown-key", "front matter keys must be words").at(
                    path,
                    text,
                    split.yaml_line,
                    1,
                ),
            );
            continue;
        };
        if allowed_keys(kind).any(|k| k == key) {
            continue;
        }
        let pos = key_position(split.yaml, &[key]);
        let (line, col) = pos.map_or((split.yaml_line, 1), |p| {
            (split.yaml_line + p.line - 1, p.key_col)
        });
        let help = match nearest(key, allowed_keys(kind)) {
            Some(n) => format!("did you mean `{n}`?"),
            None => {
                let owner = Kind::WRITTEN
                    .into_iter()
                    .find(|k| kind_keys(*k).contains(&key));
                match owner {
                    Some(k) => format!(
                        "`{key}` belongs to {} entries, and this is {}",
                        k.name(),
                        kind.with_article()
                    ),
                    None => "put free-form data under `extra:`".to_string(),
                }
            }
        };
        errors.push(
            Diagnostic::error(
                "unknown-key",
                format!("unknown key `{key}` for {}", kind.with_article()),
            )
            .at(path, text, line, col)
            .with_help(help),
        );
    }
    let unknown: Vec<String> = map
        .keys()
        .filter_map(|k| k.as_str())
        .filter(|k| !allowed_keys(kind).any(|a| a == *k))
        .map(str::to_owned)
        .collect();
    // The common case, a clean entry, converts the value already parsed;
    // only a problem pays for parsing the text again to locate it.
    if unknown.is_empty()
        && let Ok(raw) = serde_yaml::from_value::<RawFrontMatter>(value)
    {
        return Ok(Parsed {
            raw,
            split,
            kind,
            errors,
        });
    }
    let yaml = without_keys(split.yaml, &unknown);
    let (raw, mut typed_errors) = parse_lenient(path, text, &yaml, split.yaml_line, COMMON_KEYS);
    errors.append(&mut typed_errors);
    match raw {
        Some(raw) => Ok(Parsed {
            raw,
            split,
            kind,
            errors,
        }),
        None => Err(errors),
    }
}

/// Parses a defaults block from the config, for one kind.
pub fn parse_defaults(value: &serde_yaml::Value) -> Result<RawFrontMatter, String> {
    serde_yaml::from_value(value.clone()).map_err(|e| e.to_string())
}

/// Converts free-form YAML (`extra:`) into JSON for templates.
pub fn yaml_to_json(v: &serde_yaml::Value) -> Result<serde_json::Value, String> {
    serde_json::to_value(v).map_err(|e| e.to_string())
}

/// Keys of a YAML mapping in a stable order, for callers outside this module.
pub fn mapping_keys(v: &serde_yaml::Value) -> Vec<String> {
    match v {
        serde_yaml::Value::Mapping(m) => m
            .keys()
            .filter_map(|k| k.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_line_numbers() {
        let text = "---\ntitle: A\ndate: 2026-01-02\n---\nBody\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(s.yaml, "title: A\ndate: 2026-01-02\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn split_reports_missing_and_unterminated() {
        assert_eq!(
            split("a.md", "# Hello").unwrap_err().code,
            "no-front-matter"
        );
        assert_eq!(
            split("a.md", "---\ntitle: x\n").unwrap_err().code,
            "unterminated-front-matter"
        );
    }

    #[test]
    fn key_position_finds_nested_keys() {
        let yaml = "title: A\nwellbeing:\n  career: 11\n  health: 5\ngoals: [a]\n";
        assert_eq!(key_position(yaml, &["title"]).unwrap().line, 1);
        let p = key_position(yaml, &["wellbeing", "career"]).unwrap();
        assert_eq!((p.line, p.key_col, p.value_col), (3, 3, 11));
        assert_eq!(key_position(yaml, &["goals"]).unwrap().value_col, 8);
        assert_eq!(key_position(yaml, &["career"]), None);
    }

    #[test]
    fn all_unknown_keys_are_reported_with_suggestions() {
        let text = "---\ntitel: A\ndate: 2026-01-02\nimpcat: big\n---\n";
        let errs = match parse("a.md", text, Some(Kind::Achievement)) {
            Err(e) => e,
            Ok(p) => p.errors,
        };
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, 2);
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `title`?"));
        assert_eq!(errs[1].line, 4);
        assert_eq!(errs[1].help.as_deref(), Some("did you mean `impact`?"));
    }

    #[test]
    fn kind_specific_key_on_wrong_kind_is_explained() {
        let text = "---\ntitle: A\nhorizon: 1y\n---\n";
        let errs = parse("a.md", text, Some(Kind::Achievement))
            .ok()
            .unwrap()
            .errors;
        assert!(errs[0].help.as_ref().unwrap().contains("goal entries"));
    }

    #[test]
    fn every_badly_typed_key_is_reported_and_the_rest_still_parses() {
        let text = "---\ntitle: A\ntags: 5\nfeatured: yes please\nimpact: fine\n---\n";
        let p = parse("a.md", text, Some(Kind::Achievement)).ok().unwrap();
        let shown: Vec<(usize, &str)> = p
            .errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (3, "`tags` must be a list, not integer `5`"),
                (4, "`featured` must be a boolean, not string \"yes please\""),
            ]
        );
        assert_eq!(p.raw.impact, Some(Text("fine".into())));
    }

    #[test]
    fn unclosed_brackets_and_quotes_point_where_they_open() {
        for (text, line, col) in [
            ("---\ntitle: A\ntags: [a, b\n---\n", 3, 7),
            ("---\ntitle: \"A\ndate: 2026-01-01\n---\n", 2, 8),
        ] {
            let errs = parse("a.md", text, None).err().unwrap();
            assert_eq!((errs[0].line, errs[0].col), (line, col), "{text:?}");
            assert!(errs[0].help.as_ref().unwrap().contains("never closed"));
            assert!(!errs[0].message.contains(" at line "));
        }
    }

    #[test]
    fn a_quote_that_runs_on_into_the_next_value_points_where_it_opens() {
        let text = "---\ntitle: \"Shipped it\nimpact: \"3x faster\"\ntags: [a]\n---\n";
        let errs = parse("a.md", text, None).err().unwrap();
        assert_eq!(errs[0].code, "yaml-syntax");
        assert_eq!((errs[0].line, errs[0].col), (2, 8), "{:?}", errs[0]);
        assert!(
            errs[0].message.contains("runs on to line 3"),
            "{:?}",
            errs[0]
        );
        // A quote closed on its own line is not blamed for a later error.
        let text = "---\ntitle: \"It's fine\"\nwhy: 'a ''b'' c'\ntags: [a\n  b: c\n---\n";
        let errs = parse("a.md", text, None).err().unwrap();
        assert!(errs[0].line >= 4, "{:?}", errs[0]);
    }

    #[test]
    fn a_duplicate_key_points_at_the_second() {
        let errs = parse(
            "a.md",
            "---\ntitle: A\ndate: 2026-01-01\ntitle: B\n---\n",
            None,
        )
        .err()
        .unwrap();
        assert_eq!(errs[0].code, "duplicate-key");
        assert_eq!((errs[0].line, errs[0].col), (4, 1));
    }

    #[test]
    fn kind_key_overrides_folder() {
        let text = "---\ntitle: A\nkind: goal\nhorizon: 1y\n---\n";
        let p = parse("a.md", text, Some(Kind::Achievement)).ok().unwrap();
        assert_eq!(p.kind, Kind::Goal);
    }
}
