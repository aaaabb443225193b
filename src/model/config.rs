//! Site configuration: `waymark.yaml` read strictly (`RawConfig`) and
//! resolved into the `Config` the rest of waymark uses. [`parse`] reads it
//! in the steps front matter is read in (the YAML, unknown keys, typed
//! values, then each setting), so one run reports every problem in it; the
//! `defaults:` blocks are checked here by the entries' own rules, so a bad
//! default is reported once rather than in every entry that inherits it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diag::Code;
use crate::diag::{Diagnostic, nearest};
use crate::model::frontmatter::{self, RawFrontMatter, Text, key_position};
use crate::model::kind::Kind;

pub(crate) const CONFIG_FILE: &str = "waymark.yaml";

const KEYS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "language",
    "theme",
    "author",
    "north_star",
    "defaults",
    "feed",
    "resume",
    "search",
    "cards",
    "ladder",
    "cname",
    "extra",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuthor {
    name: Option<Text>,
    headline: Option<Text>,
    location: Option<Text>,
    email: Option<Text>,
    links: Option<Vec<frontmatter::RawLink>>,
}

/// `resume: true`, `false`, or `{ highlights: N }` (on, with N highlights
/// a role).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawResume {
    On(bool),
    Settings(RawResumeSettings),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResumeSettings {
    highlights: Option<u64>,
}

/// `ladder: { file, level, target, publish }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLadder {
    file: Option<Text>,
    level: Option<Text>,
    target: Option<Text>,
    publish: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<Text>,
    base_url: Option<Text>,
    description: Option<Text>,
    language: Option<Text>,
    theme: Option<Text>,
    author: Option<RawAuthor>,
    north_star: Option<Text>,
    defaults: Option<BTreeMap<String, serde_yaml::Value>>,
    feed: Option<bool>,
    resume: Option<RawResume>,
    search: Option<bool>,
    cards: Option<bool>,
    ladder: Option<RawLadder>,
    cname: Option<Text>,
    extra: Option<serde_yaml::Value>,
}

/// The site's URL, split into what absolute links need (scheme and host) and
/// the path prefix every internal link carries (`/career/` on project pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BaseUrl {
    /// Scheme and host without a trailing slash, e.g. `https://alex.github.io`;
    /// empty when the base is a bare path.
    origin: String,
    /// Always starts and ends with `/`.
    path: String,
}

impl BaseUrl {
    /// Accepts `https://host/sub/path/`, `http://host:port`, or a bare `/path/`.
    pub fn parse(s: &str) -> Result<BaseUrl, String> {
        let s = s.trim();
        let (origin, path) = if let Some(rest) = s
            .strip_prefix("https://")
            .map(|r| ("https://", r))
            .or_else(|| s.strip_prefix("http://").map(|r| ("http://", r)))
        {
            let (scheme, rest) = rest;
            let (host, path) = match rest.find('/') {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, "/"),
            };
            if host.is_empty() || host.contains([' ', '?', '#']) {
                return Err(format!("`{s}` has no valid host"));
            }
            (format!("{scheme}{host}"), path.to_string())
        } else if s.starts_with('/') {
            (String::new(), s.to_string())
        } else {
            return Err(format!(
                "`{s}` is not a URL: write it in full, e.g. `https://alex.github.io/career/`"
            ));
        };
        if path.contains(['?', '#', ' ']) {
            return Err(format!("`{s}` must not hold a query, fragment or space"));
        }
        let mut path = path.trim_end_matches('/').to_string();
        path.push('/');
        Ok(BaseUrl { origin, path })
    }

    /// The path prefix: `/` or `/career/`.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// A site-relative path (`achievements/x/`) as an internal link
    /// (`/career/achievements/x/`).
    /// Non-ASCII (a tag `日本`) is percent-encoded: links are URIs.
    pub(crate) fn url(&self, rel: &str) -> String {
        format!(
            "{}{}",
            self.path,
            crate::model::urls::encode_path(rel.trim_start_matches('/'))
        )
    }

    /// The same as an absolute URL, for canonical links, feeds and sitemaps.
    pub(crate) fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.origin, self.url(rel))
    }

    /// Scheme and host, e.g. `https://alex.github.io`; empty for a bare path.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The same base with another path prefix (serve under a sub-path).
    pub(crate) fn is_absolute(&self) -> bool {
        !self.origin.is_empty()
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Author {
    pub(crate) name: Option<String>,
    pub(crate) headline: Option<String>,
    pub(crate) location: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) links: Vec<crate::model::entry::Link>,
}

/// The career ladder's settings, and the ladder once the pipeline has
/// read it (`model::ladder`).
#[derive(Debug, Clone)]
pub(crate) struct LadderConfig {
    /// `ladder.file`, relative to the site root; else `ladder.yaml`.
    pub(crate) file: Option<String>,
    /// The writer's current level id, and the one they work towards.
    pub(crate) level: Option<String>,
    pub(crate) target: Option<String>,
    /// `publish: false`: no ladder text in `build`'s output (serve shows it).
    pub(crate) publish: bool,
    /// Whether `ladder:` was written in the config at all.
    pub(crate) configured: bool,
    pub(crate) loaded: crate::model::ladder::Loaded,
}

impl Default for LadderConfig {
    fn default() -> Self {
        LadderConfig {
            file: None,
            level: None,
            target: None,
            publish: true,
            configured: false,
            loaded: Default::default(),
        }
    }
}

impl LadderConfig {
    /// The ladder, when one was read without errors.
    pub(crate) fn ready(&self) -> Option<&std::sync::Arc<crate::model::ladder::Ladder>> {
        match &self.loaded {
            crate::model::ladder::Loaded::Ready(l) => Some(l),
            _ => None,
        }
    }
}

/// The resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) title: String,
    pub(crate) base_url: BaseUrl,
    pub(crate) description: Option<String>,
    pub(crate) language: String,
    pub(crate) theme: String,
    pub(crate) author: Author,
    pub(crate) north_star: Option<String>,
    pub(crate) defaults: BTreeMap<Kind, RawFrontMatter>,
    pub(crate) feed: bool,
    /// `cards:` (default true): a link-preview card per page.
    pub(crate) cards: bool,
    pub(crate) resume: bool,
    /// How many achievements each role of resume.json highlights.
    pub(crate) resume_highlights: usize,
    /// `search: true`: a Pagefind index of the public pages and `/search/`.
    /// Off when the key is absent, so a site made before search builds as
    /// it did; `init`'s config turns it on.
    pub(crate) search: bool,
    pub(crate) ladder: LadderConfig,
    pub(crate) cname: Option<String>,
    pub(crate) extra: serde_json::Value,
}

/// Checks each default's value as an entry would (a status, a date, a
/// score), so a bad default is reported once, here, rather than in every
/// entry that inherits it.
fn check_default_values(
    text: &str,
    kind: Kind,
    kind_name: &str,
    block: &serde_yaml::Value,
) -> Vec<Diagnostic> {
    let serde_yaml::Value::Mapping(map) = block else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in map {
        let Some(key) = key.as_str() else { continue };
        let mut one = serde_yaml::Mapping::new();
        one.insert(key.into(), value.clone());
        let yaml = serde_yaml::to_string(&one).unwrap_or_default();
        let date = if key == "date" {
            ""
        } else {
            "date: 2026-01-01\n"
        };
        let entry: std::sync::Arc<str> = format!("---\ntitle: x\n{date}{yaml}---\n").into();
        let Ok(parsed) = frontmatter::parse("defaults", &entry, Some(kind)) else {
            continue;
        };
        let problems = crate::model::entry::resolve(
            crate::model::entry::ResolveInput {
                parsed,
                text: &entry,
                path: "defaults".to_string(),
                link_path: "defaults.md".to_string(),
                stem: "defaults".to_string(),
                in_private_dir: false,
                is_home: false,
            },
            None,
        )
        .err()
        .unwrap_or_default();
        let (line, col) = key_position(text, &["defaults", kind_name, key])
            .map(|p| (p.line, p.value_col))
            .or_else(|| frontmatter::in_flow_mapping(text, &["defaults", kind_name], key))
            .unwrap_or((1, 1));
        for p in problems {
            let mut d = Diagnostic::error(
                p.code,
                format!("in `defaults.{kind_name}`: {}", p.message),
            )
            .at(CONFIG_FILE, text, line, col);
            d.help = p.help;
            out.push(d);
        }
    }
    out
}

/// Whether an unknown-key error already suggests `key` (`base_ur` → did you
/// mean 'base_url'?): then "`base_url` is missing" would only repeat it.
fn suggested(errors: &[Diagnostic], key: &str) -> bool {
    errors
        .iter()
        .any(|e| e.code == Code::UnknownKey && e.suggestion.as_deref() == Some(key))
}

fn opt(t: Option<Text>) -> Option<String> {
    t.map(Text::into_inner).filter(|s| !s.trim().is_empty())
}

/// Reads `waymark.yaml` from its text; `base_url_override` wins over the file.
pub fn parse(text: &str, base_url_override: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let value = read_value(text)?;
    // Unknown keys and badly typed values are reported, then left out, so
    // the checks below still run on the rest.
    let (mut errors, unknown) = unknown_keys(text, &value);
    let Some(raw) = typed(text, &value, &unknown, &mut errors) else {
        return Err(errors);
    };
    let RawConfig {
        title,
        base_url,
        description,
        language,
        theme,
        author,
        north_star,
        defaults,
        feed,
        resume,
        search,
        cards,
        ladder,
        cname,
        extra,
    } = raw;
    let base_url = resolve_base_url(text, base_url, base_url_override, &mut errors);
    let title = resolve_title(text, title, &mut errors);
    let defaults = resolve_defaults(text, defaults.unwrap_or_default(), &mut errors);
    let extra = resolve_extra(text, extra, &mut errors);
    let author = author.map_or_else(Author::default, resolve_author);
    let (resume, resume_highlights) = resolve_resume(text, resume, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Config {
        title,
        base_url: base_url.expect("checked above"),
        description: opt(description),
        language: opt(language).unwrap_or_else(|| "en".to_string()),
        theme: opt(theme).unwrap_or_else(|| "default".to_string()),
        author,
        north_star: opt(north_star),
        defaults,
        feed: feed.unwrap_or(true),
        resume,
        resume_highlights,
        search: search.unwrap_or(false),
        cards: cards.unwrap_or(true),
        ladder: ladder.map_or_else(LadderConfig::default, |l| LadderConfig {
            file: opt(l.file),
            level: opt(l.level),
            target: opt(l.target),
            publish: l.publish.unwrap_or(true),
            configured: true,
            loaded: Default::default(),
        }),
        cname: opt(cname),
        extra,
    })
}

/// How many highlights a role gets in a cv or résumé unless told.
pub(crate) const DEFAULT_HIGHLIGHTS: usize = 3;

/// `resume:`: whether resume.json is written, and its highlights a role.
fn resolve_resume(
    text: &str,
    raw: Option<RawResume>,
    errors: &mut Vec<Diagnostic>,
) -> (bool, usize) {
    match raw {
        None => (true, DEFAULT_HIGHLIGHTS),
        Some(RawResume::On(on)) => (on, DEFAULT_HIGHLIGHTS),
        Some(RawResume::Settings(RawResumeSettings { highlights: None })) => {
            (true, DEFAULT_HIGHLIGHTS)
        }
        Some(RawResume::Settings(RawResumeSettings {
            highlights: Some(n),
        })) => {
            if (1..=20).contains(&n) {
                return (true, n as usize);
            }
            let (line, col) = key_position(text, &["resume", "highlights"])
                .map(|p| (p.line, p.value_col))
                .or_else(|| frontmatter::in_flow_mapping(text, &["resume"], "highlights"))
                .unwrap_or((1, 1));
            errors.push(
                Diagnostic::error(
                    Code::OutOfRange,
                    format!("`resume.highlights` must be a whole number from 1 to 20, not {n}"),
                )
                .at(CONFIG_FILE, text, line, col)
                .with_help(
                    "how many achievements each role lists, e.g. `resume: { highlights: 3 }`",
                ),
            );
            (true, DEFAULT_HIGHLIGHTS)
        }
    }
}

/// The file as YAML: a mapping, or null for an empty file. Tabs, bad
/// syntax or anything else stop the reading here.
fn read_value(text: &str) -> Result<serde_yaml::Value, Vec<Diagnostic>> {
    let path = CONFIG_FILE;
    let tabs = frontmatter::check_tabs(path, text, text, 1);
    if !tabs.is_empty() {
        return Err(tabs);
    }
    let value: serde_yaml::Value = if text.trim().is_empty() {
        serde_yaml::Value::Mapping(Default::default())
    } else {
        serde_yaml::from_str(text)
            .map_err(|e| vec![frontmatter::yaml_error(path, text, 1, &e, KEYS)])?
    };
    match &value {
        serde_yaml::Value::Mapping(_) | serde_yaml::Value::Null => Ok(value),
        _ => Err(vec![
            Diagnostic::error(Code::ConfigNotAMapping, "waymark.yaml is not a list of `key: value` lines")
                .at(path, text, 1, 1)
                .with_help("start with `title: \"My Career Journal\"` and `base_url: \"https://you.github.io/career/\"`"),
        ]),
    }
}

/// An error for every top-level key waymark does not know, and those keys.
fn unknown_keys(text: &str, value: &serde_yaml::Value) -> (Vec<Diagnostic>, Vec<String>) {
    let unknown: Vec<String> = frontmatter::mapping_keys(value)
        .into_iter()
        .filter(|k| !KEYS.contains(&k.as_str()))
        .collect();
    let errors = unknown
        .iter()
        .map(|key| {
            let (line, col) = key_position(text, &[key]).map_or((1, 1), |p| (p.line, p.key_col));
            let near = nearest(key, KEYS.iter().copied());
            let help = match near {
                Some(n) => format!("did you mean '{n}'?"),
                None => "put your own settings under `extra:`".to_string(),
            };
            Diagnostic::error(
                Code::UnknownKey,
                format!("unknown key `{key}` in waymark.yaml"),
            )
            .at(CONFIG_FILE, text, line, col)
            .with_help(help)
            .with_suggestion(near)
        })
        .collect();
    (errors, unknown)
}

/// The typed settings without the `unknown` keys, every badly typed one
/// reported into `errors` and left out; None when nothing could be read.
fn typed(
    text: &str,
    value: &serde_yaml::Value,
    unknown: &[String],
    errors: &mut Vec<Diagnostic>,
) -> Option<RawConfig> {
    if value.is_null() {
        return Some(serde_yaml::from_str("{}").expect("empty mapping parses"));
    }
    let known_text = frontmatter::without_keys(text, unknown);
    let (raw, mut typed) = frontmatter::parse_lenient(CONFIG_FILE, text, &known_text, 1, KEYS);
    errors.append(&mut typed);
    raw
}

/// Where the value of `key` (a path of nested keys) is written.
fn value_at(text: &str, key: &[&str]) -> (usize, usize) {
    key_position(text, key).map_or((1, 1), |p| (p.line, p.value_col))
}

/// The base URL: `--base-url` over `base_url:`, and either must be an
/// absolute address. None after an error (reported into `errors`).
fn resolve_base_url(
    text: &str,
    base_url: Option<Text>,
    base_url_override: Option<&str>,
    errors: &mut Vec<Diagnostic>,
) -> Option<BaseUrl> {
    // Canonical links, feeds, the sitemap and previews need an absolute
    // address; a bare path is only for `serve --base-url`.
    let absolute = |s: &str| {
        BaseUrl::parse(s).and_then(|b| {
            if b.is_absolute() {
                Ok(b)
            } else {
                Err(format!(
                    "`{s}` is only a path: give the full address, e.g. `https://alex.github.io{}`",
                    b.path()
                ))
            }
        })
    };
    match base_url_override.map(str::to_owned).or(opt(base_url)) {
        Some(s) => match absolute(&s) {
            Ok(b) => Some(b),
            Err(e) if base_url_override.is_some() => {
                errors.push(
                    Diagnostic::error(Code::InvalidBaseUrl, format!("--base-url: {e}"))
                        .with_help("e.g. `--base-url https://alex.github.io/career/`"),
                );
                None
            }
            Err(e) => {
                let (line, col) = value_at(text, &["base_url"]);
                errors.push(
                    Diagnostic::error(Code::InvalidBaseUrl, e)
                        .at(CONFIG_FILE, text, line, col)
                        .with_help("e.g. `base_url: \"https://alex.github.io/career/\"`"),
                );
                None
            }
        },
        None if suggested(errors, "base_url") => None,
        None => {
            errors.push(
                Diagnostic::error(Code::MissingBaseUrl, "waymark.yaml has no `base_url`")
                    .at(CONFIG_FILE, text, 1, 1)
                    .with_help(
                        "add `base_url: \"https://you.github.io/career/\"`, or pass `--base-url`",
                    ),
            );
            None
        }
    }
}

/// The site's title, which every page shows: required.
fn resolve_title(text: &str, title: Option<Text>, errors: &mut Vec<Diagnostic>) -> String {
    let title_suggested = suggested(errors, "title");
    opt(title).unwrap_or_else(|| {
        if title_suggested {
            return String::new();
        }
        errors.push(
            Diagnostic::error(Code::MissingTitle, "waymark.yaml has no `title`")
                .at(CONFIG_FILE, text, 1, 1)
                .with_help("add `title: \"Alex Rivera — Career Journal\"`"),
        );
        String::new()
    })
}

/// The `defaults:` blocks, per kind. A block with a key it may not have is
/// reported and not used; the values of its other keys are still checked.
fn resolve_defaults(
    text: &str,
    defaults: BTreeMap<String, serde_yaml::Value>,
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<Kind, RawFrontMatter> {
    let mut kind_defaults = BTreeMap::new();
    for (kind_name, block) in defaults {
        if let Some((kind, d)) = kind_defaults_block(text, &kind_name, block, errors) {
            kind_defaults.insert(kind, d);
        }
    }
    kind_defaults
}

/// One kind's `defaults:` block, when it can be used.
fn kind_defaults_block(
    text: &str,
    kind_name: &str,
    mut block: serde_yaml::Value,
    errors: &mut Vec<Diagnostic>,
) -> Option<(Kind, RawFrontMatter)> {
    let path = CONFIG_FILE;
    let (line, col) =
        key_position(text, &["defaults", kind_name]).map_or((1, 1), |p| (p.line, p.key_col));
    let Some(kind) = Kind::from_name(kind_name) else {
        let help = match nearest(kind_name, Kind::NAMES.iter().copied()) {
            Some(n) => format!("did you mean '{n}'?"),
            None => format!("defaults are given per kind: {}", Kind::NAMES.join(", ")),
        };
        errors.push(
            Diagnostic::error(
                Code::UnknownKind,
                format!("unknown kind `{kind_name}` under `defaults`"),
            )
            .at(path, text, line, col)
            .with_help(help),
        );
        return None;
    };
    let allowed: Vec<&str> = frontmatter::allowed_keys(kind).collect();
    let may_default = |key: &str| allowed.contains(&key) && frontmatter::takes_default(key);
    let refused = refused_default_keys(text, kind, kind_name, &block, (line, col), &may_default);
    let ok = refused.is_empty();
    errors.extend(refused);
    if !ok {
        // Still check the values of the keys that are allowed.
        if let serde_yaml::Value::Mapping(m) = &mut block {
            m.retain(|k, _| k.as_str().is_some_and(&may_default));
        }
    }
    match frontmatter::parse_defaults(&block) {
        Ok(d) => {
            errors.extend(check_default_values(text, kind, kind_name, &block));
            ok.then_some((kind, d))
        }
        Err(e) => {
            // Each key checked alone says which one is wrong, and how.
            let found = check_default_values(text, kind, kind_name, &block);
            if found.is_empty() {
                errors.push(
                    Diagnostic::error(
                        Code::InvalidDefault,
                        format!("defaults for {kind_name}: {e}"),
                    )
                    .at(path, text, line, col),
                );
            }
            errors.extend(found);
            None
        }
    }
}

/// An error for each key of a `defaults:` block that `may_default` refuses:
/// a typo, another kind's key, or an entry's own (`title`, `slug`, `kind`).
/// `block_at` is where the block's kind is written, for a key not found.
fn refused_default_keys(
    text: &str,
    kind: Kind,
    kind_name: &str,
    block: &serde_yaml::Value,
    block_at: (usize, usize),
    may_default: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for key in frontmatter::mapping_keys(block) {
        if may_default(&key) {
            continue;
        }
        let (line, col) = key_position(text, &["defaults", kind_name, &key])
            .or_else(|| frontmatter::flow_key_position(text, &["defaults", kind_name], &key))
            .map_or(block_at, |p| (p.line, p.key_col));
        let help = match nearest(&key, frontmatter::allowed_keys(kind)) {
            Some(n) if n != key => format!("did you mean '{n}'?"),
            _ => format!("`{key}` cannot have a default for {kind_name} entries"),
        };
        errors.push(
            Diagnostic::error(
                Code::UnknownKey,
                format!("`{key}` is not a default {} can take", kind.with_article()),
            )
            .at(CONFIG_FILE, text, line, col)
            .with_help(help),
        );
    }
    errors
}

/// `extra:` as JSON for templates; an empty object when left out.
fn resolve_extra(
    text: &str,
    extra: Option<serde_yaml::Value>,
    errors: &mut Vec<Diagnostic>,
) -> serde_json::Value {
    match extra {
        Some(v) => frontmatter::yaml_to_json(&v).unwrap_or_else(|e| {
            let (line, col) = value_at(text, &["extra"]);
            errors.push(
                Diagnostic::error(Code::InvalidExtra, format!("`extra` cannot be used: {e}"))
                    .at(CONFIG_FILE, text, line, col)
                    .with_help("use text keys in `extra`"),
            );
            serde_json::Value::Null
        }),
        None => serde_json::Value::Object(Default::default()),
    }
}

fn resolve_author(a: RawAuthor) -> Author {
    let RawAuthor {
        name,
        headline,
        location,
        email,
        links,
    } = a;
    Author {
        name: opt(name),
        headline: opt(headline),
        location: opt(location),
        email: opt(email),
        links: links
            .unwrap_or_default()
            .into_iter()
            .map(|l| crate::model::entry::Link {
                label: l.label.0,
                url: l.url.0,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_sub_path() {
        let b = BaseUrl::parse("https://alex.github.io/career").unwrap();
        assert_eq!(b.path(), "/career/");
        assert_eq!(b.url("goals/x/"), "/career/goals/x/");
        assert_eq!(b.absolute(""), "https://alex.github.io/career/");
        let root = BaseUrl::parse("https://career.example.com").unwrap();
        assert_eq!(root.url("/atom.xml"), "/atom.xml");
        assert!(BaseUrl::parse("alex.github.io").is_err());
    }

    #[test]
    fn unknown_keys_suggest_the_nearest() {
        let errs = parse("title: x\nbase_ur: https://a.b/\nfeeds: true\n", None).unwrap_err();
        // No "missing base_url" on top: the typo is the one problem.
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, 2);
        assert_eq!(errs[0].help.as_deref(), Some("did you mean 'base_url'?"));
        assert_eq!(errs[1].help.as_deref(), Some("did you mean 'feed'?"));
    }

    #[test]
    fn extra_is_free_form_and_defaults_are_checked() {
        let c = parse(
            "title: x\nbase_url: https://a.b/\nextra:\n  anything: [1, 2]\ndefaults:\n  reflection: { visibility: public }\n",
            None,
        )
        .unwrap();
        assert_eq!(c.extra["anything"][1], 2);
        assert!(c.defaults.contains_key(&Kind::Reflection));
        let errs = parse(
            "title: x\nbase_url: https://a.b/\ndefaults:\n  reflection:\n    horizon: 1y\n",
            None,
        )
        .unwrap_err();
        assert_eq!(errs[0].line, 5);
    }

    #[test]
    fn only_a_mapping_or_nothing_is_read_on() {
        assert!(read_value("").unwrap().is_mapping());
        assert!(read_value("# only a comment\n").unwrap().is_null());
        assert_eq!(
            read_value("- a\n").unwrap_err()[0].code.as_str(),
            "config-not-a-mapping"
        );
        assert_eq!(
            read_value("title: x\n\tfeed: true\n").unwrap_err()[0]
                .code
                .as_str(),
            "tab-in-yaml"
        );
        assert_eq!(
            read_value("title: [x\n").unwrap_err()[0].code.as_str(),
            "yaml-syntax"
        );
    }

    #[test]
    fn unknown_top_level_keys_are_named_and_listed() {
        let text = "title: x\nthme: dark\nmy_setting: 1\n";
        let (errors, unknown) = unknown_keys(text, &read_value(text).unwrap());
        assert_eq!(unknown, ["thme", "my_setting"]);
        let shown: Vec<(usize, Option<&str>)> =
            errors.iter().map(|e| (e.line, e.help.as_deref())).collect();
        assert_eq!(
            shown,
            [
                (2, Some("did you mean 'theme'?")),
                (3, Some("put your own settings under `extra:`"))
            ]
        );
    }

    #[test]
    fn the_base_url_must_be_absolute_and_the_flag_wins() {
        let text = "base_url: /career/\n";
        let mut errors = Vec::new();
        let path = Some(Text("/career/".into()));
        assert_eq!(
            resolve_base_url(text, path.clone(), None, &mut errors),
            None
        );
        assert_eq!(
            (errors[0].code.as_str(), errors[0].line, errors[0].col),
            ("invalid-base-url", 1, 11)
        );
        let mut errors = Vec::new();
        let b = resolve_base_url(text, path, Some("https://a.b/x"), &mut errors).unwrap();
        assert_eq!(b.absolute(""), "https://a.b/x/");
        assert!(errors.is_empty());
        assert_eq!(resolve_base_url("", None, None, &mut errors), None);
        assert_eq!(errors[0].code.as_str(), "missing-base-url");
    }

    #[test]
    fn a_missing_title_is_not_reported_over_its_typo() {
        let mut errors = Vec::new();
        assert_eq!(
            resolve_title("", Some(Text("My site".into())), &mut errors),
            "My site"
        );
        assert!(errors.is_empty());
        resolve_title("", Some(Text("  ".into())), &mut errors);
        assert_eq!(errors[0].code.as_str(), "missing-title");
        let mut errors = vec![
            Diagnostic::error(Code::UnknownKey, "unknown key `titl`")
                .with_help("did you mean 'title'?")
                .suggest("title"),
        ];
        resolve_title("", None, &mut errors);
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn a_defaults_block_is_used_only_when_every_key_may_be_defaulted() {
        let text = "defaults:\n  goal:\n    status: paused\n    title: x\n";
        let block = serde_yaml::from_str("{ status: paused, title: x }").unwrap();
        let mut errors = Vec::new();
        assert!(kind_defaults_block(text, "goal", block, &mut errors).is_none());
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].message,
            "`title` is not a default a goal can take"
        );
        assert_eq!((errors[0].line, errors[0].col), (4, 5));
        let block = serde_yaml::from_str("{ status: paused }").unwrap();
        let mut errors = Vec::new();
        let (kind, d) = kind_defaults_block(text, "goal", block, &mut errors).unwrap();
        assert_eq!(kind, Kind::Goal);
        assert_eq!(d.status, Some(Text("paused".into())));
        assert!(errors.is_empty());
        let block = serde_yaml::from_str("{ status: paused }").unwrap();
        kind_defaults_block(text, "gaol", block, &mut errors);
        assert_eq!(errors[0].code.as_str(), "unknown-kind");
        assert_eq!(errors[0].help.as_deref(), Some("did you mean 'goal'?"));
    }

    #[test]
    fn refused_default_keys_say_why() {
        let text = "defaults:\n  reflection: { mood: ok, horizon: 1y, slug: s, moud: x }\n";
        let block: serde_yaml::Value =
            serde_yaml::from_str("{ mood: ok, horizon: 1y, slug: s, moud: x }").unwrap();
        let may = |k: &str| {
            frontmatter::allowed_keys(Kind::Reflection).any(|a| a == k)
                && frontmatter::takes_default(k)
        };
        let errors =
            refused_default_keys(text, Kind::Reflection, "reflection", &block, (2, 3), &may);
        let shown: Vec<(usize, &str)> = errors
            .iter()
            .map(|e| (e.col, e.help.as_deref().unwrap()))
            .collect();
        assert_eq!(
            shown,
            [
                (27, "`horizon` cannot have a default for reflection entries"),
                (40, "`slug` cannot have a default for reflection entries"),
                (49, "did you mean 'mood'?"),
            ]
        );
    }

    #[test]
    fn extra_must_become_json() {
        let mut errors = Vec::new();
        let v = serde_yaml::from_str("{ a: [1, 2] }").unwrap();
        assert_eq!(resolve_extra("", Some(v), &mut errors)["a"][1], 2);
        assert_eq!(resolve_extra("", None, &mut errors), serde_json::json!({}));
        let v = serde_yaml::from_str("{ [1]: x }").unwrap();
        assert_eq!(
            resolve_extra("extra: { [1]: x }\n", Some(v), &mut errors),
            serde_json::Value::Null
        );
        assert_eq!(
            (errors[0].code.as_str(), errors[0].col),
            ("invalid-extra", 8)
        );
    }
}
