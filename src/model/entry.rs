//! Entries: one Markdown file resolved into a typed, validated record — its
//! kind, slug, date, visibility and the fields of its kind.

use jiff::civil::Date;
use serde::Serialize;

use crate::diag::{Diagnostic, nearest};
use crate::model::frontmatter::{Parsed, RawFrontMatter, Text, key_position};
use crate::model::kind::Kind;

/// A date as written in front matter: a calendar date, optionally with a time.
/// A calendar date has no time zone, so no runner's clock can shift it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryDate {
    pub date: Date,
    /// Seconds since the epoch when a full RFC 3339 time was given.
    pub instant: Option<i64>,
}

impl EntryDate {
    /// Accepts `YYYY-MM-DD` or RFC 3339 (`2026-03-06T17:30:00+01:00`).
    pub fn parse(s: &str) -> Option<EntryDate> {
        let s = s.trim();
        if s.len() == 10 {
            return s.parse::<Date>().ok().map(|date| EntryDate {
                date,
                instant: None,
            });
        }
        let ts: jiff::Timestamp = s.parse().ok()?;
        // The calendar date is the one written, in the writer's own offset.
        let date: Date = s.get(..10)?.parse().ok()?;
        Some(EntryDate {
            date,
            instant: Some(ts.as_second()),
        })
    }

    /// RFC 3339 in UTC, for feeds.
    pub fn rfc3339(&self) -> String {
        match self
            .instant
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
        {
            Some(ts) => ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            None => format!("{}T00:00:00Z", self.date),
        }
    }
}

pub const DATE_FORMS: &str = "dates are written `YYYY-MM-DD` (e.g. `2026-03-06`) or RFC 3339 (e.g. `2026-03-06T17:30:00+01:00`)";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Horizon {
    #[serde(rename = "10y")]
    Y10,
    #[serde(rename = "5y")]
    Y5,
    #[serde(rename = "3y")]
    Y3,
    #[serde(rename = "1y")]
    Y1,
    #[serde(rename = "6m")]
    M6,
    #[serde(rename = "3m")]
    M3,
    #[serde(rename = "30d")]
    D30,
}

impl Horizon {
    /// Longest first, the order the goals page uses.
    pub const ALL: [Horizon; 7] = [
        Horizon::Y10,
        Horizon::Y5,
        Horizon::Y3,
        Horizon::Y1,
        Horizon::M6,
        Horizon::M3,
        Horizon::D30,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Horizon::Y10 => "10y",
            Horizon::Y5 => "5y",
            Horizon::Y3 => "3y",
            Horizon::Y1 => "1y",
            Horizon::M6 => "6m",
            Horizon::M3 => "3m",
            Horizon::D30 => "30d",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Horizon::Y10 => "10 years",
            Horizon::Y5 => "5 years",
            Horizon::Y3 => "3 years",
            Horizon::Y1 => "1 year",
            Horizon::M6 => "6 months",
            Horizon::M3 => "3 months",
            Horizon::D30 => "30 days",
        }
    }
    fn parse(s: &str) -> Option<Horizon> {
        Horizon::ALL.into_iter().find(|h| h.code() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GoalStatus {
    Active,
    Planned,
    Achieved,
    Paused,
    Dropped,
}

impl GoalStatus {
    pub const NAMES: [&'static str; 5] = ["planned", "active", "achieved", "paused", "dropped"];
    fn parse(s: &str) -> Option<GoalStatus> {
        Some(match s {
            "planned" => GoalStatus::Planned,
            "active" => GoalStatus::Active,
            "achieved" => GoalStatus::Achieved,
            "paused" => GoalStatus::Paused,
            "dropped" => GoalStatus::Dropped,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MilestoneType {
    Role,
    Promotion,
    Education,
    Certification,
    Award,
    Move,
}

impl MilestoneType {
    pub const NAMES: [&'static str; 6] = [
        "role",
        "promotion",
        "education",
        "certification",
        "award",
        "move",
    ];
    fn parse(s: &str) -> Option<MilestoneType> {
        Some(match s {
            "role" => MilestoneType::Role,
            "promotion" => MilestoneType::Promotion,
            "education" => MilestoneType::Education,
            "certification" => MilestoneType::Certification,
            "award" => MilestoneType::Award,
            "move" => MilestoneType::Move,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Wellbeing {
    pub career: Option<u8>,
    pub health: Option<u8>,
    pub relationships: Option<u8>,
    pub growth: Option<u8>,
    pub purpose: Option<u8>,
}

impl Wellbeing {
    pub const DIMENSIONS: [&'static str; 5] =
        ["career", "health", "relationships", "growth", "purpose"];
    pub fn get(&self, dim: &str) -> Option<u8> {
        match dim {
            "career" => self.career,
            "health" => self.health,
            "relationships" => self.relationships,
            "growth" => self.growth,
            "purpose" => self.purpose,
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ShareInclude {
    pub tags: Vec<String>,
    pub skills: Vec<String>,
    pub goals: Vec<String>,
    pub featured: Option<bool>,
}

/// The fields that only one kind has.
#[derive(Debug, Clone, PartialEq)]
pub enum KindMeta {
    Achievement {
        impact: Option<String>,
        metrics: Vec<Metric>,
        skills: Vec<String>,
        goals: Vec<String>,
        with: Vec<String>,
        links: Vec<Link>,
    },
    Goal {
        horizon: Option<Horizon>,
        due: Option<Date>,
        status: GoalStatus,
        measure: Option<String>,
        why: Option<String>,
        parent: Option<String>,
        progress: Option<u8>,
        achieved_on: Option<Date>,
    },
    Reflection {
        period: Option<String>,
        wellbeing: Option<Wellbeing>,
        mood: Option<String>,
    },
    Milestone {
        end: Option<Date>,
        role: Option<String>,
        org: Option<String>,
        milestone_type: Option<MilestoneType>,
        /// Whether it is a role: a span on the journey, a job in
        /// resume.json, a candidate for the current role. Decided here,
        /// once (see [`is_role`]).
        is_role: bool,
        /// `role` or `org` given but left empty (an untouched `new
        /// milestone`): warned about, and then not a role.
        blank: Vec<&'static str>,
    },
    Share {
        for_whom: Option<String>,
        from: Option<Date>,
        to: Option<Date>,
        include: ShareInclude,
        ask: Option<String>,
        sealed: bool,
        key_salt: Option<String>,
    },
    Page,
}

/// Where an entry came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Relative to the site root, forward slashes: `content/goals/x.md`.
    pub path: String,
    /// Relative to `content/` or `private/`: `goals/x.md`, the form `@/` links use.
    pub link_path: String,
    /// Whether the file sits under `private/`.
    pub in_private_dir: bool,
    /// The file's text, normalised, kept for diagnostics. Shared, so that
    /// copies of an entry (serve keeps one per file between saves) are cheap
    /// and a cache can tell "the same text" by identity.
    pub text: std::sync::Arc<str>,
    pub yaml_line: usize,
    pub body_line: usize,
    /// Byte offset of the body in `text`.
    pub body_offset: usize,
}

/// One entry, resolved and validated.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    pub slug: String,
    pub title: String,
    pub date: Option<EntryDate>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    pub private: bool,
    pub featured: bool,
    pub extra: serde_json::Value,
    pub meta: KindMeta,
    pub origin: Origin,
}

impl Entry {
    pub fn body(&self) -> &str {
        &self.origin.text[self.origin.body_offset..]
    }
}

/// A file name's date prefix and slug: `2026-03-06-ship-it` → (date, `ship-it`).
pub fn split_file_stem(stem: &str) -> (Option<Date>, &str) {
    if stem.len() >= 10
        && let Ok(date) = stem[..10].parse::<Date>()
    {
        let rest = stem[10..].trim_start_matches(['-', '_']);
        return (Some(date), if rest.is_empty() { stem } else { rest });
    }
    (None, stem)
}

/// Whether `s` is a valid slug: lowercase letters (of any script), digits,
/// dashes, and the dots and underscores a file name may keep.
pub fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('.')
        && s.chars()
            .all(|c| (c.is_alphanumeric() && !c.is_uppercase()) || matches!(c, '-' | '_' | '.'))
}

/// Context a resolution needs beyond the front matter itself.
pub struct ResolveInput<'a> {
    pub parsed: Parsed<'a>,
    /// The whole normalised file text that `parsed` borrows from, kept by
    /// the entry (shared, not copied).
    pub text: &'a std::sync::Arc<str>,
    pub path: String,
    pub link_path: String,
    pub stem: String,
    pub in_private_dir: bool,
    pub is_home: bool,
}

struct Fm<'a> {
    path: &'a str,
    text: &'a str,
    yaml: &'a str,
    yaml_line: usize,
    errors: Vec<Diagnostic>,
}

impl Fm<'_> {
    fn at(&self, key: &[&str], d: Diagnostic) -> Diagnostic {
        let flow = || {
            let (last, parent) = key.split_last()?;
            crate::model::frontmatter::in_flow_mapping(self.yaml, parent, last)
        };
        let (line, col) = match key_position(self.yaml, key) {
            Some(p) => (self.yaml_line + p.line - 1, p.value_col),
            None => match flow() {
                Some((l, c)) => (self.yaml_line + l - 1, c),
                None => (self.yaml_line.saturating_sub(1).max(1), 1),
            },
        };
        d.at(self.path, self.text, line, col)
    }

    fn date(&mut self, key: &str, v: Option<Text>) -> Option<EntryDate> {
        let v = v?;
        match EntryDate::parse(&v.0) {
            Some(d) => Some(d),
            None => {
                let d = self.at(
                    &[key],
                    Diagnostic::error("invalid-date", format!("`{}` is not a valid date", v.0))
                        .with_help(DATE_FORMS),
                );
                self.errors.push(d);
                None
            }
        }
    }

    fn choice<T>(
        &mut self,
        key: &str,
        v: Option<Text>,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &[&str],
    ) -> Option<T> {
        let v = v?;
        match parse(v.0.trim()) {
            Some(t) => Some(t),
            None => {
                let help = match nearest(&v.0, allowed.iter().copied())
                    .or_else(|| synonym(&v.0, allowed))
                {
                    Some(n) => format!("did you mean `{n}`? allowed: {}", allowed.join(", ")),
                    None => format!("allowed: {}", allowed.join(", ")),
                };
                let d = self.at(
                    &[key],
                    Diagnostic::error("invalid-value", format!("`{}` is not a valid `{key}`", v.0))
                        .with_help(help),
                );
                self.errors.push(d);
                None
            }
        }
    }

    fn score(&mut self, key: &[&str], v: Option<f64>, lo: f64, hi: f64) -> Option<u8> {
        let v = v?;
        if v.fract() == 0.0 && (lo..=hi).contains(&v) {
            return Some(v as u8);
        }
        let help = if key[0] == "progress" {
            "a percentage, e.g. `progress: 40`; leave it out to count the goal's checklist"
        } else {
            "score it from 1 (very bad) to 10 (great)"
        };
        let d = self.at(
            key,
            Diagnostic::error(
                "out-of-range",
                format!(
                    "`{}` must be a whole number from {lo} to {hi}, not {v}",
                    key.join(".")
                ),
            )
            .with_help(help),
        );
        self.errors.push(d);
        None
    }
}

/// Words people write for the allowed values: `done` means `achieved`.
fn synonym(word: &str, allowed: &[&str]) -> Option<&'static str> {
    const SYNONYMS: &[(&str, &str)] = &[
        ("done", "achieved"),
        ("complete", "achieved"),
        ("completed", "achieved"),
        ("finished", "achieved"),
        ("reached", "achieved"),
        ("in-progress", "active"),
        ("in progress", "active"),
        ("ongoing", "active"),
        ("started", "active"),
        ("todo", "planned"),
        ("later", "planned"),
        ("next", "planned"),
        ("on-hold", "paused"),
        ("on hold", "paused"),
        ("blocked", "paused"),
        ("abandoned", "dropped"),
        ("cancelled", "dropped"),
        ("canceled", "dropped"),
        ("job", "role"),
        ("position", "role"),
        ("degree", "education"),
        ("course", "education"),
        ("cert", "certification"),
        ("prize", "award"),
        ("relocation", "move"),
        ("hidden", "private"),
        ("secret", "private"),
        ("published", "public"),
        ("month", "30d"),
        ("1m", "30d"),
        ("quarter", "3m"),
        ("90d", "3m"),
        ("year", "1y"),
        ("12m", "1y"),
    ];
    let w = word.trim().to_lowercase();
    SYNONYMS
        .iter()
        .find(|(k, v)| *k == w && allowed.contains(v))
        .map(|(_, v)| *v)
}

/// The one rule for what a role is. A `type: role` milestone is one, and
/// so is a promotion that names the role it leads to (its span runs from
/// the promotion to its `end`); a milestone with a `role` and no type was
/// made a role already. One whose `role` or `org` was left empty is not,
/// so an untouched `new milestone` never becomes "Now , since …".
pub fn is_role(milestone_type: Option<MilestoneType>, has_role: bool, blank: bool) -> bool {
    !blank
        && match milestone_type {
            Some(MilestoneType::Role) => true,
            Some(MilestoneType::Promotion) => has_role,
            _ => false,
        }
}

fn opt(t: Option<Text>) -> Option<String> {
    t.map(Text::into_inner).filter(|s| !s.trim().is_empty())
}

fn list(t: Option<Vec<Text>>) -> Vec<String> {
    t.unwrap_or_default()
        .into_iter()
        .map(|t| t.0.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Resolves parsed front matter into an entry, collecting every problem.
pub fn resolve(
    input: ResolveInput<'_>,
    defaults: Option<&RawFrontMatter>,
) -> Result<Entry, Vec<Diagnostic>> {
    match resolve_partial(input, defaults) {
        (entry, errors) if errors.is_empty() => Ok(entry),
        (_, errors) => Err(errors),
    }
}

/// Resolves what it can even when some fields are wrong: the entry (with
/// the bad fields left out) and every problem. A build with problems fails
/// anyway; the partial entry lets `check` still check what names it and what
/// it names, so one run reports everything.
pub fn resolve_partial(
    input: ResolveInput<'_>,
    defaults: Option<&RawFrontMatter>,
) -> (Entry, Vec<Diagnostic>) {
    let ResolveInput {
        parsed,
        text,
        path,
        link_path,
        stem,
        in_private_dir,
        is_home,
    } = input;
    let mut raw = parsed.raw;
    let kind = if is_home { Kind::Home } else { parsed.kind };
    if let Some(d) = defaults {
        raw.merge_defaults(d);
    }
    let mut fm = Fm {
        path: &path,
        text,
        yaml: parsed.split.yaml,
        yaml_line: parsed.split.yaml_line,
        errors: parsed.errors,
    };
    let RawFrontMatter {
        kind: _,
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
    } = raw;

    // A key whose value was already reported (and left out) is not missing.
    let reported = |fm: &Fm, key: &str| {
        let suggested = format!("did you mean `{key}`?");
        key_position(fm.yaml, &[key]).is_some_and(|p| {
            fm.errors
                .iter()
                .any(|e| e.line == fm.yaml_line + p.line - 1)
        }) || fm
            .errors
            .iter()
            .any(|e| e.help.as_deref() == Some(suggested.as_str()))
    };
    let title = opt(title).unwrap_or_default();
    if title.trim().is_empty() && !reported(&fm, "title") {
        fm.errors.push(
            Diagnostic::error("missing-title", "this entry has no title")
                .at(&path, text, 1, 1)
                .with_help(
                    "add a line such as `title: \"Cut build times in half\"` to the front matter",
                ),
        );
    }
    let (file_date, file_slug) = split_file_stem(&stem);
    let date = fm.date("date", date).or(file_date.map(|date| EntryDate {
        date,
        instant: None,
    }));
    if kind.needs_date()
        && date.is_none()
        && fm.errors.iter().all(|e| e.code != "invalid-date")
        && !reported(&fm, "date")
    {
        fm.errors.push(
            Diagnostic::error("missing-date", format!("{} needs a date", kind.with_article()))
                .at(&path, text, 1, 1)
                .with_help(format!(
                    "add `date: 2026-03-06` to the front matter, or start the file name with the date (`2026-03-06-{file_slug}.md`)"
                )),
        );
    }
    let slug = match opt(slug) {
        Some(s) if valid_slug(&s) => s,
        Some(s) => {
            let d = fm.at(
                &["slug"],
                Diagnostic::error("invalid-slug", format!("`{s}` is not a valid slug"))
                    .with_help("use lowercase letters, digits and dashes, e.g. `my-first-talk`"),
            );
            fm.errors.push(d);
            s
        }
        // A file name can hold anything; its slug is made URL-safe.
        None if valid_slug(file_slug) => file_slug.to_string(),
        None => {
            let s = crate::model::markdown::slugify(file_slug);
            if s.is_empty() { "entry".to_string() } else { s }
        }
    };
    let default_private = kind.private_by_default();
    let private = in_private_dir
        || fm
            .choice(
                "visibility",
                visibility,
                |s| match s {
                    "public" => Some(false),
                    "private" => Some(true),
                    _ => None,
                },
                &["public", "private"],
            )
            .unwrap_or(default_private);
    let extra = match extra {
        Some(v) => match crate::model::frontmatter::yaml_to_json(&v) {
            Ok(j) => j,
            Err(e) => {
                let d = fm.at(
                    &["extra"],
                    Diagnostic::error("invalid-extra", format!("`extra` cannot be used: {e}"))
                        .with_help("use text keys in `extra`"),
                );
                fm.errors.push(d);
                serde_json::Value::Null
            }
        },
        None => serde_json::Value::Object(Default::default()),
    };

    let meta = match kind {
        Kind::Achievement => KindMeta::Achievement {
            impact: opt(impact),
            metrics: metrics
                .unwrap_or_default()
                .into_iter()
                .map(|m| Metric {
                    label: m.label.0,
                    value: m.value.0,
                })
                .collect(),
            skills: list(skills),
            goals: list(goals),
            with: list(with),
            links: links
                .unwrap_or_default()
                .into_iter()
                .map(|l| Link {
                    label: l.label.0,
                    url: l.url.0,
                })
                .collect(),
        },
        Kind::Goal => {
            let horizon = fm.choice(
                "horizon",
                horizon,
                Horizon::parse,
                &["30d", "3m", "6m", "1y", "3y", "5y", "10y"],
            );
            let due = fm.date("due", due).map(|d| d.date);
            let status = fm
                .choice("status", status, GoalStatus::parse, &GoalStatus::NAMES)
                .unwrap_or(GoalStatus::Active);
            let progress = fm.score(&["progress"], progress, 0.0, 100.0);
            let achieved_on = fm.date("achieved_on", achieved_on).map(|d| d.date);
            KindMeta::Goal {
                horizon,
                due,
                status,
                measure: opt(measure),
                why: opt(why),
                parent: opt(parent).map(|p| p.trim().to_string()),
                progress,
                achieved_on,
            }
        }
        Kind::Reflection => {
            let wellbeing = wellbeing.map(|w| Wellbeing {
                career: fm.score(&["wellbeing", "career"], w.career, 1.0, 10.0),
                health: fm.score(&["wellbeing", "health"], w.health, 1.0, 10.0),
                relationships: fm.score(
                    &["wellbeing", "relationships"],
                    w.relationships,
                    1.0,
                    10.0,
                ),
                growth: fm.score(&["wellbeing", "growth"], w.growth, 1.0, 10.0),
                purpose: fm.score(&["wellbeing", "purpose"], w.purpose, 1.0, 10.0),
            });
            KindMeta::Reflection {
                period: opt(period),
                wellbeing,
                mood: opt(mood),
            }
        }
        Kind::Milestone => {
            let blank: Vec<&'static str> = [("role", &role), ("org", &org)]
                .into_iter()
                .filter(|(_, t)| t.as_ref().is_some_and(|t| t.0.trim().is_empty()))
                .map(|(k, _)| k)
                .collect();
            let role = opt(role);
            // A milestone that names a role and no type is that role, for
            // the chart, the current role and resume.json alike.
            let milestone_type = fm
                .choice(
                    "type",
                    milestone_type,
                    MilestoneType::parse,
                    &MilestoneType::NAMES,
                )
                .or(role.as_ref().map(|_| MilestoneType::Role));
            KindMeta::Milestone {
                end: fm.date("end", end).map(|d| d.date),
                is_role: is_role(milestone_type, role.is_some(), !blank.is_empty()),
                role,
                org: opt(org),
                milestone_type,
                blank,
            }
        }
        Kind::Share => {
            let include = include.unwrap_or_default();
            KindMeta::Share {
                for_whom: opt(for_whom),
                from: fm.date("from", from).map(|d| d.date),
                to: fm.date("to", to).map(|d| d.date),
                include: ShareInclude {
                    tags: list(include.tags),
                    skills: list(include.skills),
                    goals: list(include.goals),
                    featured: include.featured,
                },
                ask: opt(ask),
                sealed: sealed.unwrap_or(false),
                key_salt: opt(key_salt),
            }
        }
        Kind::Page | Kind::Home => KindMeta::Page,
    };

    let body_offset = parsed.split.body.as_ptr() as usize - text.as_ptr() as usize;
    let errors = fm.errors;
    let entry = Entry {
        kind,
        slug,
        title: title.trim().to_string(),
        date,
        summary: opt(summary),
        tags: list(tags),
        draft: draft.unwrap_or(false),
        private,
        featured: featured.unwrap_or(false),
        extra,
        meta,
        origin: Origin {
            path,
            link_path,
            in_private_dir,
            text: text.clone(),
            yaml_line: parsed.split.yaml_line,
            body_line: parsed.split.body_line,
            body_offset,
        },
    };
    (entry, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stem_gives_date_and_slug() {
        let (d, s) = split_file_stem("2026-03-06-ship-it");
        assert_eq!(d.unwrap().to_string(), "2026-03-06");
        assert_eq!(s, "ship-it");
        assert_eq!(split_file_stem("about"), (None, "about"));
        assert_eq!(split_file_stem("2026-03-06").1, "2026-03-06");
    }

    #[test]
    fn dates_accept_both_forms_and_keep_the_written_day() {
        let d = EntryDate::parse("2026-03-06").unwrap();
        assert_eq!(d.date.to_string(), "2026-03-06");
        let late = EntryDate::parse("2026-03-06T23:30:00-05:00").unwrap();
        assert_eq!(late.date.to_string(), "2026-03-06");
        assert_eq!(late.rfc3339(), "2026-03-07T04:30:00Z");
        assert!(EntryDate::parse("06/03/2026").is_none());
        assert!(EntryDate::parse("2026-02-30").is_none());
    }
}
