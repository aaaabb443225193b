//! Front matter: splitting the `---` block off an entry and parsing it
//! strictly, with every error pointing at the file's own line and column.
//! Every serde_yaml call for content lives here (config.rs has the other).
//!
//! The keys themselves are declared once, in `frontmatter/fields.rs`; how
//! errors are worded is `yaml_error.rs`'s, where keys are written
//! `locate.rs`'s, and how one run reports every bad key `lenient.rs`'s (all
//! in that folder).

mod fields;
mod lenient;
mod locate;
mod yaml_error;

use crate::diag::Code;
use crate::diag::{Diagnostic, nearest};
use crate::model::kind::Kind;

pub(crate) use fields::{
    COMMON_KEYS, RawAchievement, RawCommon, RawFrontMatter, RawGoal, RawKindFields, RawLink,
    RawMilestone, RawReflection, RawShare, RawShared, Text, allowed_keys, kind_keys, takes_default,
};
pub(crate) use lenient::{parse_lenient, without_keys};
pub(crate) use locate::{flow_key_position, in_flow_mapping, key_position};
pub(crate) use yaml_error::yaml_error;

/// An entry's text cut into its front matter and body, with the line numbers
/// each starts on so errors can point into the original file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split<'a> {
    pub(crate) yaml: &'a str,
    /// 1-based line of the file on which the YAML starts.
    pub(crate) yaml_line: usize,
    pub(crate) body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub(crate) body_line: usize,
}

/// Cuts `text` (already UTF-8, BOM stripped, LF line endings) at its `---`
/// fences.
pub(crate) fn split<'a>(path: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        let help = if first.trim_end() == "+++" {
            "waymark reads YAML front matter between `---` lines, not TOML between `+++`"
        } else {
            "start the file with a `---` line, then `title: ...`, then another `---` line"
        };
        return Err(
            Diagnostic::error(Code::NoFrontMatter, "this entry has no front matter")
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
        Code::UnterminatedFrontMatter,
        "the front matter is never closed",
    )
    .at(path, text, 1, 1)
    .with_help("add a line with only `---` after the last front matter key"))
}

/// Points at every line that indents with a tab, which YAML forbids.
pub(crate) fn check_tabs(
    path: &str,
    file_text: &str,
    yaml: &str,
    yaml_line: usize,
) -> Vec<Diagnostic> {
    yaml.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let lead: &str = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            let col = lead.find('\t')?;
            Some(
                Diagnostic::error(Code::TabInYaml, "a tab is used for indentation")
                    .at(path, file_text, yaml_line + i, col + 1)
                    .with_help("YAML indents with spaces only: replace the tab with spaces"),
            )
        })
        .collect()
}

/// The outcome of reading one entry's front matter.
pub(crate) struct Parsed<'a> {
    pub(crate) raw: RawFrontMatter,
    pub(crate) split: Split<'a>,
    pub(crate) kind: Kind,
    /// Problems found while reading: the keys they concern were left out of
    /// `raw`, so `entry::resolve` can still check the rest and report all.
    pub(crate) errors: Vec<Diagnostic>,
}

/// Reads an entry's front matter: fences, tabs, YAML syntax, the keys its
/// kind allows (all unknown keys at once), then the typed fields.
pub fn parse<'a>(
    path: &str,
    text: &'a str,
    folder_kind: Option<Kind>,
) -> Result<Parsed<'a>, Vec<Diagnostic>> {
    let split = split(path, text).map_err(|d| vec![d])?;
    let map = read_mapping(path, text, &split)?;
    // Every other check depends on the kind, so a kind that cannot be read
    // stops this file's checks here (other files are still checked).
    let kind = entry_kind(path, text, &split, &map, folder_kind).map_err(|d| vec![d])?;
    let (mut errors, unknown) = unknown_keys(path, text, &split, &map, kind);
    let (raw, mut typed_errors) = typed_fields(path, text, &split, map, &unknown);
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

/// The front matter as a YAML mapping: what every later step reads. Tabs,
/// an empty block, bad syntax or a block that is not `key: value` lines
/// stop the file here.
fn read_mapping(
    path: &str,
    text: &str,
    split: &Split<'_>,
) -> Result<serde_yaml::Mapping, Vec<Diagnostic>> {
    let tabs = check_tabs(path, text, split.yaml, split.yaml_line);
    if !tabs.is_empty() {
        return Err(tabs);
    }
    if split.yaml.trim().is_empty() {
        return Err(vec![
            Diagnostic::error(Code::EmptyFrontMatter, "the front matter is empty")
                .at(path, text, 1, 1)
                .with_help("add at least a title between the `---` lines, e.g. `title: \"Shipped the new importer\"`"),
        ]);
    }
    let value: serde_yaml::Value = serde_yaml::from_str(split.yaml)
        .map_err(|e| vec![yaml_error(path, text, split.yaml_line, &e, COMMON_KEYS)])?;
    match value {
        serde_yaml::Value::Mapping(map) => Ok(map),
        _ => Err(vec![
            Diagnostic::error(
                Code::FrontMatterNotAMapping,
                "the front matter is not a list of `key: value` lines",
            )
            .at(path, text, split.yaml_line, 1)
            .with_help("write it as `title: \"...\"` lines between the `---` fences"),
        ]),
    }
}

/// The entry's kind: `kind:` when given, else its folder's.
fn entry_kind(
    path: &str,
    text: &str,
    split: &Split<'_>,
    map: &serde_yaml::Mapping,
    folder_kind: Option<Kind>,
) -> Result<Kind, Diagnostic> {
    let kind_value_at = || {
        key_position(split.yaml, &["kind"]).map_or((split.yaml_line, 1), |p| {
            (split.yaml_line + p.line - 1, p.value_col)
        })
    };
    let Some(declared) = map.get("kind") else {
        return folder_kind.ok_or_else(|| {
            Diagnostic::error(Code::UnknownKind, "waymark cannot tell what kind of entry this is")
                .at(path, text, 1, 1)
                .with_help(format!(
                    "put it in one of content/{{achievements,goals,reflections,journey,share,pages}}/ or add `kind:` ({})",
                    Kind::NAMES.join(", ")
                ))
        });
    };
    let Some(name) = declared.as_str() else {
        let (line, col) = kind_value_at();
        return Err(
            Diagnostic::error(Code::InvalidType, "`kind` must be a word")
                .at(path, text, line, col)
                .with_help(format!("kinds are: {}", Kind::NAMES.join(", "))),
        );
    };
    Kind::from_name(name).ok_or_else(|| {
        let (line, col) = kind_value_at();
        let names = Kind::NAMES;
        let help = match nearest(name, names.iter().copied()) {
            Some(n) => format!("did you mean `{n}`? kinds are: {}", names.join(", ")),
            None => format!("kinds are: {}", names.join(", ")),
        };
        Diagnostic::error(Code::UnknownKind, format!("unknown kind `{name}`"))
            .at(path, text, line, col)
            .with_help(help)
    })
}

/// An error for every key `kind` does not take, all at once, and those
/// keys, for [`typed_fields`] to leave out.
fn unknown_keys(
    path: &str,
    text: &str,
    split: &Split<'_>,
    map: &serde_yaml::Mapping,
    kind: Kind,
) -> (Vec<Diagnostic>, Vec<String>) {
    let mut errors = Vec::new();
    let mut unknown = Vec::new();
    for key in map.keys() {
        let Some(key) = key.as_str() else {
            errors.push(
                Diagnostic::error(Code::UnknownKey, "front matter keys must be words").at(
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
        errors.push(
            Diagnostic::error(
                Code::UnknownKey,
                format!("unknown key `{key}` for {}", kind.with_article()),
            )
            .at(path, text, line, col)
            .with_help(unknown_key_help(key, kind))
            .with_suggestion(nearest(key, allowed_keys(kind))),
        );
        unknown.push(key.to_owned());
    }
    (errors, unknown)
}

/// A typo's nearest key; else the kind a kind's key belongs to, since
/// `horizon` on an achievement is usually a goal written in the wrong
/// folder; else where free-form data goes.
fn unknown_key_help(key: &str, kind: Kind) -> String {
    if let Some(n) = nearest(key, allowed_keys(kind)) {
        return format!("did you mean `{n}`?");
    }
    match Kind::WRITTEN
        .into_iter()
        .find(|k| kind_keys(*k).any(|x| x == key))
    {
        Some(owner) => format!(
            "`{key}` belongs to {} entries, and this is {}",
            owner.name(),
            kind.with_article()
        ),
        None => "put free-form data under `extra:`".to_string(),
    }
}

/// The typed fields, with the `unknown` keys left out and every badly
/// typed one reported (and left out too).
fn typed_fields(
    path: &str,
    text: &str,
    split: &Split<'_>,
    map: serde_yaml::Mapping,
    unknown: &[String],
) -> (Option<RawFrontMatter>, Vec<Diagnostic>) {
    // The common case, a clean entry, converts the value already parsed;
    // only a problem pays for parsing the text again to locate it.
    if unknown.is_empty()
        && let Ok(raw) = serde_yaml::from_value::<RawFrontMatter>(serde_yaml::Value::Mapping(map))
    {
        return (Some(raw), Vec::new());
    }
    let yaml = without_keys(split.yaml, unknown);
    parse_lenient(path, text, &yaml, split.yaml_line, COMMON_KEYS)
}

/// Parses a defaults block from the config, for one kind.
pub(crate) fn parse_defaults(value: &serde_yaml::Value) -> Result<RawFrontMatter, String> {
    serde_yaml::from_value(value.clone()).map_err(|e| e.to_string())
}

/// Converts free-form YAML (`extra:`) into JSON for templates.
pub(crate) fn yaml_to_json(v: &serde_yaml::Value) -> Result<serde_json::Value, String> {
    serde_json::to_value(v).map_err(|e| e.to_string())
}

/// Keys of a YAML mapping in a stable order, for callers outside this module.
pub(crate) fn mapping_keys(v: &serde_yaml::Value) -> Vec<String> {
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
            split("a.md", "# Hello").unwrap_err().code.as_str(),
            "no-front-matter"
        );
        assert_eq!(
            split("a.md", "---\ntitle: x\n").unwrap_err().code.as_str(),
            "unterminated-front-matter"
        );
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
        assert_eq!(errs[0].code.as_str(), "yaml-syntax");
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
        assert_eq!(errs[0].code.as_str(), "duplicate-key");
        assert_eq!((errs[0].line, errs[0].col), (4, 1));
    }

    #[test]
    fn kind_key_overrides_folder() {
        let text = "---\ntitle: A\nkind: goal\nhorizon: 1y\n---\n";
        let p = parse("a.md", text, Some(Kind::Achievement)).ok().unwrap();
        assert_eq!(p.kind, Kind::Goal);
    }

    fn mapping(text: &str) -> (Split<'_>, serde_yaml::Mapping) {
        let split = split("a.md", text).unwrap();
        let map = read_mapping("a.md", text, &split).ok().unwrap();
        (split, map)
    }

    #[test]
    fn only_a_mapping_is_read_on() {
        for (text, code) in [
            ("---\n---\n", "empty-front-matter"),
            ("---\ntitle: a\n\tdate: b\n---\n", "tab-in-yaml"),
            ("---\n- a\n- b\n---\n", "front-matter-not-a-mapping"),
            ("---\ntitle: [a\n---\n", "yaml-syntax"),
        ] {
            let s = split("a.md", text).unwrap();
            let errs = read_mapping("a.md", text, &s).err().unwrap();
            assert_eq!(errs[0].code.as_str(), code, "{text:?}");
        }
        let (_, map) = mapping("---\ntitle: a\nkind: goal\n---\n");
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn the_kind_is_declared_or_the_folders() {
        let kind = |text: &str, folder| {
            let (s, map) = mapping(text);
            entry_kind("a.md", text, &s, &map, folder)
        };
        let plain = "---\ntitle: a\n---\n";
        assert_eq!(kind(plain, Some(Kind::Goal)).ok(), Some(Kind::Goal));
        assert_eq!(kind(plain, None).unwrap_err().code.as_str(), "unknown-kind");
        let declared = "---\ntitle: a\nkind: share\n---\n";
        assert_eq!(kind(declared, Some(Kind::Goal)).ok(), Some(Kind::Share));
        let typo = "---\ntitle: a\nkind: gaol\n---\n";
        let d = kind(typo, None).unwrap_err();
        assert_eq!((d.code.as_str(), d.line, d.col), ("unknown-kind", 3, 7));
        assert!(d.help.unwrap().starts_with("did you mean `goal`?"));
        let d = kind("---\ntitle: a\nkind: [goal]\n---\n", None).unwrap_err();
        assert_eq!((d.code.as_str(), d.line), ("invalid-type", 3));
    }

    #[test]
    fn unknown_keys_are_all_found_and_named() {
        let text = "---\ntitle: a\nhorizon: 1y\ntitel: b\nimpact: c\n---\n";
        let (s, map) = mapping(text);
        let (errors, unknown) = unknown_keys("a.md", text, &s, &map, Kind::Goal);
        assert_eq!(unknown, ["titel", "impact"]);
        let at: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.col)).collect();
        assert_eq!(at, [(4, 1), (5, 1)]);
        assert_eq!(errors[0].message, "unknown key `titel` for a goal");
    }

    #[test]
    fn unknown_key_help_suggests_then_names_the_owner() {
        assert_eq!(
            unknown_key_help("staus", Kind::Goal),
            "did you mean `status`?"
        );
        assert_eq!(
            unknown_key_help("wellbeing", Kind::Goal),
            "`wellbeing` belongs to reflection entries, and this is a goal"
        );
        assert_eq!(
            unknown_key_help("sealed", Kind::Page),
            "`sealed` belongs to share entries, and this is a page"
        );
        assert_eq!(
            unknown_key_help("favourite_colour", Kind::Achievement),
            "put free-form data under `extra:`"
        );
    }

    #[test]
    fn typed_fields_leave_out_the_unknown_and_the_badly_typed() {
        let text = "---\ntitle: a\ndraft: perhaps\ntitel: b\n---\n";
        let (s, map) = mapping(text);
        let (raw, errors) = typed_fields("a.md", text, &s, map, &["titel".to_string()]);
        let raw = raw.unwrap();
        assert_eq!(raw.title, Some(Text("a".into())));
        assert_eq!(raw.draft, None);
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].code.as_str(), errors[0].line),
            ("invalid-type", 3)
        );
        let clean = "---\ntitle: a\ndraft: true\n---\n";
        let (s, map) = mapping(clean);
        let (raw, errors) = typed_fields("a.md", clean, &s, map, &[]);
        assert_eq!(raw.unwrap().draft, Some(true));
        assert!(errors.is_empty());
    }
}
