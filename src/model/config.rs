//! Site configuration: `waymark.yaml` read strictly (`RawConfig`) and
//! resolved into the `Config` the rest of waymark uses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, nearest};
use crate::model::frontmatter::{self, RawFrontMatter, Text, key_position};
use crate::model::kind::Kind;

pub const CONFIG_FILE: &str = "waymark.yaml";

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
    resume: Option<bool>,
    cname: Option<Text>,
    extra: Option<serde_yaml::Value>,
}

/// The site's URL, split into what absolute links need (scheme and host) and
/// the path prefix every internal link carries (`/career/` on project pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
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
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A site-relative path (`achievements/x/`) as an internal link
    /// (`/career/achievements/x/`).
    pub fn url(&self, rel: &str) -> String {
        format!("{}{}", self.path, rel.trim_start_matches('/'))
    }

    /// The same as an absolute URL, for canonical links, feeds and sitemaps.
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.origin, self.url(rel))
    }

    /// Scheme and host, e.g. `https://alex.github.io`; empty for a bare path.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The same base with another path prefix (serve under a sub-path).
    pub fn is_absolute(&self) -> bool {
        !self.origin.is_empty()
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Author {
    pub name: Option<String>,
    pub headline: Option<String>,
    pub location: Option<String>,
    pub email: Option<String>,
    pub links: Vec<crate::model::entry::Link>,
}

/// The resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub base_url: BaseUrl,
    pub description: Option<String>,
    pub language: String,
    pub theme: String,
    pub author: Author,
    pub north_star: Option<String>,
    pub defaults: BTreeMap<Kind, RawFrontMatter>,
    pub feed: bool,
    pub resume: bool,
    pub cname: Option<String>,
    pub extra: serde_json::Value,
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
    errors.iter().any(|e| {
        e.code == "unknown-key"
            && e.help
                .as_deref()
                .is_some_and(|h| h.contains(&format!("'{key}'")) || h.contains(&format!("`{key}`")))
    })
}

fn opt(t: Option<Text>) -> Option<String> {
    t.map(Text::into_inner).filter(|s| !s.trim().is_empty())
}

/// Reads `waymark.yaml` from its text; `base_url_override` wins over the file.
pub fn parse(text: &str, base_url_override: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
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
    let mut errors = Vec::new();
    match &value {
        serde_yaml::Value::Mapping(_) => {}
        serde_yaml::Value::Null => {}
        _ => {
            return Err(vec![
                Diagnostic::error("config-not-a-mapping", "waymark.yaml is not a list of `key: value` lines")
                    .at(path, text, 1, 1)
                    .with_help("start with `title: \"My Career Journal\"` and `base_url: \"https://you.github.io/career/\"`"),
            ]);
        }
    }
    for key in frontmatter::mapping_keys(&value) {
        if KEYS.contains(&key.as_str()) {
            continue;
        }
        let (line, col) = key_position(text, &[&key]).map_or((1, 1), |p| (p.line, p.key_col));
        let help = match nearest(&key, KEYS.iter().copied()) {
            Some(n) => format!("did you mean '{n}'?"),
            None => "put your own settings under `extra:`".to_string(),
        };
        errors.push(
            Diagnostic::error(
                "unknown-key",
                format!("unknown key `{key}` in waymark.yaml"),
            )
            .at(path, text, line, col)
            .with_help(help),
        );
    }
    // Unknown keys and badly typed values are reported, then left out, so
    // the checks below still run on the rest.
    let unknown: Vec<String> = frontmatter::mapping_keys(&value)
        .into_iter()
        .filter(|k| !KEYS.contains(&k.as_str()))
        .collect();
    let known_text = frontmatter::without_keys(text, &unknown);
    let raw: RawConfig = if value.is_null() {
        serde_yaml::from_str("{}").expect("empty mapping parses")
    } else {
        let (raw, mut typed) = frontmatter::parse_lenient(path, text, &known_text, 1, KEYS);
        errors.append(&mut typed);
        match raw {
            Some(r) => r,
            None => return Err(errors),
        }
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
        cname,
        extra,
    } = raw;
    let at_key = |key: &[&str]| key_position(text, key).map_or((1, 1), |p| (p.line, p.value_col));

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
    let base_url = match base_url_override.map(str::to_owned).or(opt(base_url)) {
        Some(s) => match absolute(&s) {
            Ok(b) => Some(b),
            Err(e) if base_url_override.is_some() => {
                errors.push(
                    Diagnostic::error("invalid-base-url", format!("--base-url: {e}"))
                        .with_help("e.g. `--base-url https://alex.github.io/career/`"),
                );
                None
            }
            Err(e) => {
                let (line, col) = at_key(&["base_url"]);
                errors.push(
                    Diagnostic::error("invalid-base-url", e)
                        .at(path, text, line, col)
                        .with_help("e.g. `base_url: \"https://alex.github.io/career/\"`"),
                );
                None
            }
        },
        None if suggested(&errors, "base_url") => None,
        None => {
            errors.push(
                Diagnostic::error("missing-base-url", "waymark.yaml has no `base_url`")
                    .at(path, text, 1, 1)
                    .with_help(
                        "add `base_url: \"https://you.github.io/career/\"`, or pass `--base-url`",
                    ),
            );
            None
        }
    };
    let title_suggested = suggested(&errors, "title");
    let title = opt(title).unwrap_or_else(|| {
        if title_suggested {
            return String::new();
        }
        errors.push(
            Diagnostic::error("missing-title", "waymark.yaml has no `title`")
                .at(path, text, 1, 1)
                .with_help("add `title: \"Alex Rivera — Career Journal\"`"),
        );
        String::new()
    });
    let mut kind_defaults = BTreeMap::new();
    for (kind_name, block) in defaults.unwrap_or_default() {
        let (line, col) =
            key_position(text, &["defaults", &kind_name]).map_or((1, 1), |p| (p.line, p.key_col));
        let Some(kind) = Kind::from_name(&kind_name) else {
            let help = match nearest(&kind_name, Kind::NAMES.iter().copied()) {
                Some(n) => format!("did you mean '{n}'?"),
                None => format!("defaults are given per kind: {}", Kind::NAMES.join(", ")),
            };
            errors.push(
                Diagnostic::error(
                    "unknown-kind",
                    format!("unknown kind `{kind_name}` under `defaults`"),
                )
                .at(path, text, line, col)
                .with_help(help),
            );
            continue;
        };
        let allowed: Vec<&str> = frontmatter::allowed_keys(kind).collect();
        let may_default = |key: &str| allowed.contains(&key) && frontmatter::takes_default(key);
        let mut ok = true;
        let mut block = block;
        for key in frontmatter::mapping_keys(&block) {
            if !may_default(&key) {
                ok = false;
                let (line, col) = key_position(text, &["defaults", &kind_name, &key])
                    .or_else(|| {
                        frontmatter::flow_key_position(text, &["defaults", &kind_name], &key)
                    })
                    .map_or((line, col), |p| (p.line, p.key_col));
                let help = match nearest(&key, allowed.iter().copied()) {
                    Some(n) if n != key => format!("did you mean '{n}'?"),
                    _ => format!("`{key}` cannot have a default for {kind_name} entries"),
                };
                errors.push(
                    Diagnostic::error(
                        "unknown-key",
                        format!("`{key}` is not a default {} can take", kind.with_article()),
                    )
                    .at(path, text, line, col)
                    .with_help(help),
                );
            }
        }
        if !ok {
            // Still check the values of the keys that are allowed.
            if let serde_yaml::Value::Mapping(m) = &mut block {
                m.retain(|k, _| k.as_str().is_some_and(may_default));
            }
        }
        match frontmatter::parse_defaults(&block) {
            Ok(d) => {
                errors.extend(check_default_values(text, kind, &kind_name, &block));
                if ok {
                    kind_defaults.insert(kind, d);
                }
            }
            Err(e) => {
                // Each key checked alone says which one is wrong, and how.
                let found = check_default_values(text, kind, &kind_name, &block);
                if found.is_empty() {
                    errors.push(
                        Diagnostic::error(
                            "invalid-default",
                            format!("defaults for {kind_name}: {e}"),
                        )
                        .at(path, text, line, col),
                    );
                }
                errors.extend(found);
            }
        }
    }
    let extra = match extra {
        Some(v) => frontmatter::yaml_to_json(&v).unwrap_or_else(|e| {
            let (line, col) = at_key(&["extra"]);
            errors.push(
                Diagnostic::error("invalid-extra", format!("`extra` cannot be used: {e}"))
                    .at(path, text, line, col)
                    .with_help("use text keys in `extra`"),
            );
            serde_json::Value::Null
        }),
        None => serde_json::Value::Object(Default::default()),
    };
    let author = author.map_or_else(Author::default, |a| {
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
    });
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
        defaults: kind_defaults,
        feed: feed.unwrap_or(true),
        resume: resume.unwrap_or(true),
        cname: opt(cname),
        extra,
    })
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
}
