//! The career ladder: a competency framework in the Financial Times'
//! engineering-progression shape (`name`, `summary`, `levels`, `themes`,
//! `competencies`), read strictly from `ladder.yaml` (or the file
//! `ladder: { file }` names). FT's published job-family files load as they
//! are: their extra top-level keys (`googleSheetId`, `isLegacy`) are
//! accepted with a warning that waymark ignores them; any unknown key
//! inside a level, theme or competency is an error at its line, as are a
//! level or theme no list defines and an id given twice.
//!
//! serde_yaml keeps no positions, so the problems found after parsing are
//! pointed at by [`locate`]: the line of each item of a top-level list, and
//! of a key inside an item.

pub(crate) mod monzo;
pub(crate) mod write;

use std::sync::Arc;

use serde::Serialize;

use crate::diag::{Code, Diagnostic, nearest};
use crate::model::frontmatter;

/// Where a site's ladder is unless the config names another file.
pub(crate) const LADDER_FILE: &str = "ladder.yaml";

const TOP_KEYS: &[&str] = &["name", "summary", "levels", "themes", "competencies"];
/// Top-level keys FT's published files carry for their own tools.
const FT_EXTRAS: &[&str] = &["googleSheetId", "isLegacy"];
const LEVEL_KEYS: &[&str] = &["id", "name", "summary"];
const THEME_KEYS: &[&str] = &["id", "name", "summary"];
const COMPETENCY_KEYS: &[&str] = &[
    "id",
    "level",
    "theme",
    "summary",
    "proficiency",
    "examples",
    "supportingUrls",
];
/// FT's five proficiencies, in their canonical spelling: a value matching
/// one of them, ignoring case, is stored so; any other text is kept as written.
const PROFICIENCIES: &[&str] = &[
    "Awareness",
    "Foundational",
    "Working knowledge",
    "Practitioner",
    "Expert",
];

/// A competency framework.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Ladder {
    /// The file it was read from, as the site names it.
    #[serde(skip)]
    pub(crate) path: String,
    pub(crate) name: String,
    pub(crate) summary: Option<String>,
    /// In the file's order (lowest first, as SPEC asks; FT's order is
    /// display order, with parallel tracks at one grade).
    pub(crate) levels: Vec<Level>,
    pub(crate) themes: Vec<Theme>,
    pub(crate) competencies: Vec<Competency>,
}

/// A level of the ladder: `{ id: staff, name: "Staff Engineer" }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Level {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) summary: Option<String>,
}

/// A theme (FT's word; others say area or topic): `{ id, name, summary }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Theme {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) summary: Option<String>,
}

/// One competency: what a level expects in a theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Competency {
    /// Stable: a slug or a UUID. Also its page's address, `/ladder/<id>/`.
    pub(crate) id: String,
    pub(crate) level: String,
    pub(crate) theme: String,
    pub(crate) summary: String,
    pub(crate) proficiency: Option<String>,
    /// FT's legacy examples, and a converted Monzo file's example criteria.
    pub(crate) examples: Vec<String>,
}

impl Ladder {
    pub(crate) fn level(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    pub(crate) fn theme(&self, id: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.id == id)
    }

    pub(crate) fn competency(&self, id: &str) -> Option<usize> {
        self.competencies.iter().position(|c| c.id == id)
    }

    pub(crate) fn level_ids(&self) -> Vec<&str> {
        self.levels.iter().map(|l| l.id.as_str()).collect()
    }

    pub(crate) fn theme_ids(&self) -> Vec<&str> {
        self.themes.iter().map(|t| t.id.as_str()).collect()
    }

    /// The competency ids, for "did you mean".
    pub(crate) fn ids(&self) -> impl Iterator<Item = &str> {
        self.competencies.iter().map(|c| c.id.as_str())
    }
}

/// What the site has of a ladder, once the pipeline has looked for one.
#[derive(Debug, Clone, Default)]
pub(crate) enum Loaded {
    /// No `ladder.yaml` and no `ladder:` in the config.
    #[default]
    None,
    /// It has errors (reported): references to it are not checked, so
    /// that they do not all fail as well.
    Broken,
    Ready(Arc<Ladder>),
}

/// The help for a level or theme id the ladder does not have (`what` is
/// `level` or `theme`): the nearest id, and the known ones; with the
/// nearest, for a caller that records the suggestion.
pub(crate) fn unknown_help<'k>(
    value: &str,
    known: &[&'k str],
    what: &str,
) -> (String, Option<&'k str>) {
    let near = nearest(value, known.iter().copied());
    let help = match near {
        Some(n) => format!("did you mean `{n}`? ({what}s: {})", known.join(", ")),
        None => format!("the {what}s are {}", known.join(", ")),
    };
    (help, near)
}

/// Text cleaned as FT's files need: block scalars' final newline trimmed,
/// zero-width spaces and byte-order marks dropped.
pub(crate) fn clean(s: &str) -> String {
    s.replace(['\u{200b}', '\u{feff}'], "").trim().to_string()
}

/// Whether `id` can be a competency's (or level's, or theme's) id: it is
/// part of a URL, so letters, digits, `-`, `_` and `.`, not starting with
/// a dot.
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Reads a ladder from its text; `path` is how messages name the file.
/// Returns it with its warnings, or every error found.
pub(crate) fn parse(path: &str, text: &str) -> Result<(Ladder, Vec<Diagnostic>), Vec<Diagnostic>> {
    let tabs = frontmatter::check_tabs(path, text, text, 1);
    if !tabs.is_empty() {
        return Err(tabs);
    }
    let value: serde_yaml::Value = serde_yaml::from_str(text)
        .map_err(|e| vec![frontmatter::yaml_error(path, text, 1, &e, TOP_KEYS)])?;
    let mut r = Reader {
        path,
        text,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let ladder = r.ladder(&value);
    if r.errors.is_empty() {
        Ok((ladder, r.warnings))
    } else {
        Err(r.errors)
    }
}

struct Reader<'a> {
    path: &'a str,
    text: &'a str,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

/// One list item being read: its list, its index, and the mapping.
struct Item<'v> {
    list: &'static str,
    index: usize,
    map: &'v serde_yaml::Mapping,
}

impl Reader<'_> {
    fn error(&mut self, code: Code, msg: String, (line, col): (usize, usize), help: String) {
        self.errors.push(
            Diagnostic::error(code, msg)
                .at(self.path, self.text, line, col)
                .with_help(help),
        );
    }

    fn ladder(&mut self, value: &serde_yaml::Value) -> Ladder {
        let mut ladder = Ladder {
            path: self.path.to_string(),
            name: String::new(),
            summary: None,
            levels: Vec::new(),
            themes: Vec::new(),
            competencies: Vec::new(),
        };
        let map = match value {
            serde_yaml::Value::Mapping(m) => m,
            serde_yaml::Value::Sequence(_) => {
                self.error(
                    Code::LadderShape,
                    "the ladder is a bare list".into(),
                    (1, 1),
                    "a ladder is one mapping with `name`, `levels`, `themes` and `competencies`; FT's files from before 2025 split them into levels.yml and competencies.yml: merge them into one job-family file".into(),
                );
                return ladder;
            }
            _ => {
                self.error(
                    Code::LadderShape,
                    "the ladder is not a mapping".into(),
                    (1, 1),
                    "start with `name: \"My Company Engineering\"`, then `levels:`, `themes:` and `competencies:`".into(),
                );
                return ladder;
            }
        };
        for key in map.keys() {
            let key = key.as_str().unwrap_or_default();
            if TOP_KEYS.contains(&key) {
                continue;
            }
            let (line, col) = locate::top_key(self.text, key).unwrap_or((1, 1));
            self.warnings.push(
                Diagnostic::warning(
                    Code::LadderKeyIgnored,
                    format!("`{key}` is not a key waymark reads in a ladder: ignored"),
                )
                .at(self.path, self.text, line, col)
                .with_help(match nearest(key, TOP_KEYS.iter().copied()) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None if FT_EXTRAS.contains(&key) => format!(
                        "FT's files carry it for their own tools; the file loads, and waymark reads {}",
                        TOP_KEYS.join(", ")
                    ),
                    None => format!("a ladder's keys are {}", TOP_KEYS.join(", ")),
                }),
            );
        }
        match map.get("name").map(scalar) {
            Some(Some(n)) if !n.is_empty() => ladder.name = n,
            _ => self.error(
                Code::MissingField,
                "the ladder has no `name`".into(),
                locate::top_key(self.text, "name").unwrap_or((1, 1)),
                "add `name: \"Corvo Engineering Ladder\"`".into(),
            ),
        }
        ladder.summary = map
            .get("summary")
            .and_then(scalar)
            .filter(|s| !s.is_empty());
        let levels = self.items(map, "levels", LEVEL_KEYS);
        ladder.levels = levels
            .iter()
            .filter_map(|item| {
                let (id, name) = (self.id(item)?, self.required(item, "name")?);
                Some(Level {
                    id,
                    name,
                    summary: self.optional(item, "summary"),
                })
            })
            .collect();
        let themes = self.items(map, "themes", THEME_KEYS);
        ladder.themes = themes
            .iter()
            .filter_map(|item| {
                let (id, name) = (self.id(item)?, self.required(item, "name")?);
                Some(Theme {
                    id,
                    name,
                    summary: self.optional(item, "summary"),
                })
            })
            .collect();
        self.repeated("levels", ladder.levels.iter().map(|l| l.id.as_str()));
        self.repeated("themes", ladder.themes.iter().map(|t| t.id.as_str()));
        let items = self.items(map, "competencies", COMPETENCY_KEYS);
        for item in &items {
            if let Some(c) = self.competency(item, &ladder) {
                ladder.competencies.push(c);
            }
        }
        self.repeated(
            "competencies",
            ladder.competencies.iter().map(|c| c.id.as_str()),
        );
        ladder
    }

    /// The items of a top-level list, each a mapping with only `keys`.
    fn items<'v>(
        &mut self,
        map: &'v serde_yaml::Mapping,
        list: &'static str,
        keys: &[&str],
    ) -> Vec<Item<'v>> {
        let at_key = locate::top_key(self.text, list).unwrap_or((1, 1));
        let seq = match map.get(list) {
            Some(serde_yaml::Value::Sequence(s)) if !s.is_empty() || list == "competencies" => s,
            Some(serde_yaml::Value::Sequence(_)) | None | Some(serde_yaml::Value::Null) => {
                self.error(
                    Code::MissingField,
                    format!("the ladder has no `{list}`"),
                    at_key,
                    format!("add `{list}:` with at least one `- {{ id: …, name: … }}`"),
                );
                return Vec::new();
            }
            Some(_) => {
                self.error(
                    Code::InvalidType,
                    format!("`{list}` is not a list"),
                    at_key,
                    format!("write each of the `{list}` on a line of its own, starting with `- `"),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (index, v) in seq.iter().enumerate() {
            let Some(m) = v.as_mapping() else {
                let at = locate::item(self.text, list, index).unwrap_or(at_key);
                self.error(
                    Code::InvalidType,
                    format!("{list}[{index}] is not a mapping"),
                    at,
                    format!(
                        "each of the `{list}` is `{{ {} }}`",
                        keys[..3].join(": …, ") + ": …"
                    ),
                );
                continue;
            };
            let item = Item {
                list,
                index,
                map: m,
            };
            for k in m.keys() {
                let k = k.as_str().unwrap_or_default();
                if keys.contains(&k) {
                    continue;
                }
                let at = locate::item_key_col(self.text, list, index, k)
                    .unwrap_or_else(|| self.at(&item, k));
                let help = match nearest(k, keys.iter().copied()) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!("the keys of {list} are {}", keys.join(", ")),
                };
                self.error(
                    Code::UnknownKey,
                    format!("unknown key `{k}` in {list}[{index}]"),
                    at,
                    help,
                );
            }
            out.push(item);
        }
        out
    }

    /// Where `key` of an item is written, else the item, else its list.
    fn at(&self, item: &Item, key: &str) -> (usize, usize) {
        locate::item_key(self.text, item.list, item.index, key)
            .or_else(|| locate::item(self.text, item.list, item.index))
            .or_else(|| locate::top_key(self.text, item.list))
            .unwrap_or((1, 1))
    }

    fn required(&mut self, item: &Item, key: &str) -> Option<String> {
        match item.map.get(key).and_then(scalar).filter(|s| !s.is_empty()) {
            Some(v) => Some(v),
            None => {
                let at = self.at(item, key);
                self.error(
                    Code::MissingField,
                    format!("{}[{}] has no `{key}`", item.list, item.index),
                    at,
                    format!("every one of the `{}` needs `{key}:`", item.list),
                );
                None
            }
        }
    }

    fn optional(&self, item: &Item, key: &str) -> Option<String> {
        item.map.get(key).and_then(scalar).filter(|s| !s.is_empty())
    }

    fn id(&mut self, item: &Item) -> Option<String> {
        let id = self.required(item, "id")?;
        if valid_id(&id) {
            return Some(id);
        }
        let at = self.at(item, "id");
        self.error(
            Code::InvalidValue,
            format!("`{id}` cannot be an id: it becomes part of a URL"),
            at,
            "use letters, digits, `-`, `_` and `.`: a slug such as `staff-delivery-scope`, or a UUID".into(),
        );
        None
    }

    /// An error for each id given a second time in `list`.
    fn repeated<'i>(&mut self, list: &'static str, ids: impl Iterator<Item = &'i str>) {
        let mut seen = std::collections::HashMap::new();
        for (index, id) in ids.enumerate() {
            if let Some(first) = seen.insert(id.to_string(), index) {
                seen.insert(id.to_string(), first);
                let at = locate::item_key(self.text, list, index, "id")
                    .or_else(|| locate::item(self.text, list, index))
                    .unwrap_or((1, 1));
                let first_line = locate::item(self.text, list, first).map_or(0, |p| p.0);
                self.error(
                    Code::DuplicateId,
                    format!("the id `{id}` is given twice in `{list}`"),
                    at,
                    format!(
                        "ids must be unique: the first is at line {first_line}; give this one another"
                    ),
                );
            }
        }
    }

    fn competency(&mut self, item: &Item, ladder: &Ladder) -> Option<Competency> {
        let id = self.id(item);
        let level = self.required(item, "level");
        let theme = self.required(item, "theme");
        let summary = self.required(item, "summary");
        let refs = [
            (&level, "level", Code::UnknownLevel, ladder.level_ids()),
            (
                &theme,
                "theme",
                Code::UnknownLadderTheme,
                ladder.theme_ids(),
            ),
        ];
        for (value, key, code, known) in refs {
            if let Some(v) = value
                && !known.is_empty()
                && !known.contains(&v.as_str())
            {
                let at = self.at(item, key);
                let (help, _) = unknown_help(v, &known, key);
                self.error(
                    code,
                    format!("competencies[{}]: `{v}` is not a {key}", item.index),
                    at,
                    help,
                );
            }
        }
        let proficiency = self.optional(item, "proficiency").map(|p| {
            PROFICIENCIES
                .iter()
                .find(|c| c.eq_ignore_ascii_case(&p))
                .map_or(p, |c| c.to_string())
        });
        let examples = match item.map.get("examples") {
            Some(serde_yaml::Value::Sequence(s)) => s.iter().filter_map(scalar).collect(),
            _ => Vec::new(),
        };
        Some(Competency {
            id: id?,
            level: level?,
            theme: theme?,
            summary: summary?,
            proficiency,
            examples,
        })
    }
}

/// A scalar as cleaned text; None for a list, a mapping or null.
fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(clean(s)),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Finding lines in a ladder's text: the top-level keys, the items of the
/// top-level lists (block style, `- id: …` or `- { id: … }`), and a key
/// inside an item. Anything it cannot find falls back to the list's key.
pub(crate) mod locate {
    /// Indentation and the text after it.
    fn split(line: &str) -> (usize, &str) {
        let t = line.trim_start_matches(' ');
        (line.len() - t.len(), t)
    }

    fn is_blank(t: &str) -> bool {
        t.is_empty() || t.starts_with('#')
    }

    /// Line and column (1-based) of a top-level `key:`.
    pub(crate) fn top_key(text: &str, key: &str) -> Option<(usize, usize)> {
        text.lines().enumerate().find_map(|(i, l)| {
            let rest = l.strip_prefix(key)?;
            let rest = rest.strip_prefix(':').or_else(|| {
                rest.strip_prefix('"')
                    .or(rest.strip_prefix('\''))
                    .and_then(|r| r.strip_prefix(':'))
            })?;
            (rest.is_empty() || rest.starts_with([' ', '\t'])).then_some((i + 1, 1))
        })
    }

    /// The first line of each item of the top-level list `list`, with the
    /// column of its dash: `(line, col)`, 1-based.
    fn items(text: &str, list: &str) -> Vec<(usize, usize)> {
        let Some((start, _)) = top_key(text, list) else {
            return Vec::new();
        };
        let mut indent = None;
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate().skip(start) {
            let (n, t) = split(line);
            if is_blank(t) {
                continue;
            }
            if n == 0 && !t.starts_with('-') {
                break;
            }
            let dash = t.starts_with("- ") || t == "-";
            match indent {
                None if dash => {
                    indent = Some(n);
                    out.push((i + 1, n + 1));
                }
                None => break,
                Some(d) if n == d && dash => out.push((i + 1, n + 1)),
                Some(d) if n < d => break,
                _ => {}
            }
        }
        out
    }

    /// Where item `index` of `list` starts.
    pub(crate) fn item(text: &str, list: &str, index: usize) -> Option<(usize, usize)> {
        items(text, list).get(index).copied()
    }

    /// Where `key`'s value is written inside item `index` of `list`.
    pub(crate) fn item_key(
        text: &str,
        list: &str,
        index: usize,
        key: &str,
    ) -> Option<(usize, usize)> {
        find_in_item(text, list, index, key).map(|(line, _, value)| (line, value))
    }

    /// Where `key` itself is written inside item `index` of `list`.
    pub(crate) fn item_key_col(
        text: &str,
        list: &str,
        index: usize,
        key: &str,
    ) -> Option<(usize, usize)> {
        find_in_item(text, list, index, key).map(|(line, col, _)| (line, col))
    }

    /// Line, key column and value column of `key` in an item.
    fn find_in_item(
        text: &str,
        list: &str,
        index: usize,
        key: &str,
    ) -> Option<(usize, usize, usize)> {
        let all = items(text, list);
        let (first, _) = *all.get(index)?;
        let end = all.get(index + 1).map_or(usize::MAX, |p| p.0);
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate().take(end - 1).skip(first - 1) {
            if i > first - 1 && split(line).0 == 0 {
                break;
            }
            // `- key: v`, `  key: v`, or `{ …, key: v }`.
            let mut from = 0;
            while let Some(pos) = line[from..].find(key) {
                let at = from + pos;
                let before = line[..at].trim_end();
                let after = &line[at + key.len()..];
                let starts = before.is_empty()
                    || before.ends_with('-')
                    || before.ends_with('{')
                    || before.ends_with(',');
                if starts && after.starts_with(':') {
                    let value = after[1..].len() - after[1..].trim_start().len();
                    let col = line[..at + key.len() + 1 + value].chars().count() + 1;
                    return Some((i + 1, line[..at].chars().count() + 1, col));
                }
                from = at + key.len();
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
