//! Entries: one Markdown file resolved into a typed, validated record — its
//! kind, slug, date, visibility and the fields of its kind. The raw front
//! matter is strings and numbers as written; this is where they become
//! dates, statuses and scores, and where a wrong one is reported.
//!
//! [`resolve_partial`] runs the steps in order: the defaults are merged,
//! the common fields resolved, then the kind's own (one step per kind, in
//! `entry/kinds.rs`, each taking exactly its kind's raw fields). How to add
//! a field is told in `frontmatter/fields.rs`.

mod check;
mod kinds;

use jiff::civil::Date;
use serde::Serialize;

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::model::frontmatter::{Parsed, RawCommon, RawFrontMatter, Text};
use crate::model::kind::Kind;
use check::Fm;

/// A date as written in front matter: a calendar date, optionally with a time.
/// A calendar date has no time zone, so no runner's clock can shift it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct EntryDate {
    pub(crate) date: Date,
    /// Seconds since the epoch when a full RFC 3339 time was given.
    pub(crate) instant: Option<i64>,
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
    pub(crate) fn rfc3339(&self) -> String {
        match self
            .instant
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
        {
            Some(ts) => ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            None => format!("{}T00:00:00Z", self.date),
        }
    }
}

pub(crate) const DATE_FORMS: &str = "dates are written `YYYY-MM-DD` (e.g. `2026-03-06`) or RFC 3339 (e.g. `2026-03-06T17:30:00+01:00`)";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Metric {
    pub(crate) label: String,
    pub(crate) value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Link {
    pub(crate) label: String,
    pub(crate) url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub(crate) enum Horizon {
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
    pub(crate) fn label(self) -> &'static str {
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
pub(crate) enum GoalStatus {
    Active,
    Planned,
    Achieved,
    Paused,
    Dropped,
}

impl GoalStatus {
    pub(crate) const NAMES: [&'static str; 5] =
        ["planned", "active", "achieved", "paused", "dropped"];
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

/// The document a share page is: `layout:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Layout {
    /// The sponsor brief of Part 1.
    #[default]
    Brief,
    /// A promotion packet for a ladder level.
    Packet,
    /// A self-review for a period.
    Review,
    /// A résumé.
    Cv,
}

impl Layout {
    pub(crate) const NAMES: [&'static str; 4] = ["brief", "packet", "review", "cv"];
    pub(crate) fn parse(s: &str) -> Option<Layout> {
        Some(match s {
            "brief" => Layout::Brief,
            "packet" => Layout::Packet,
            "review" => Layout::Review,
            "cv" => Layout::Cv,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum MilestoneType {
    Role,
    Promotion,
    Education,
    Certification,
    Award,
    Move,
}

impl MilestoneType {
    pub(crate) const NAMES: [&'static str; 6] = [
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
pub(crate) struct Wellbeing {
    pub(crate) career: Option<u8>,
    pub(crate) health: Option<u8>,
    pub(crate) relationships: Option<u8>,
    pub(crate) growth: Option<u8>,
    pub(crate) purpose: Option<u8>,
}

impl Wellbeing {
    pub(crate) const DIMENSIONS: [&'static str; 5] =
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
pub(crate) struct ShareInclude {
    pub(crate) tags: Vec<String>,
    pub(crate) skills: Vec<String>,
    pub(crate) goals: Vec<String>,
    pub(crate) featured: Option<bool>,
    /// Competency ids of the ladder: achievements that are evidence for any.
    pub(crate) competencies: Vec<String>,
}

/// The fields that only one kind has.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum KindMeta {
    Achievement {
        impact: Option<String>,
        metrics: Vec<Metric>,
        skills: Vec<String>,
        goals: Vec<String>,
        with: Vec<String>,
        links: Vec<Link>,
        /// Competency ids of the ladder this is evidence for.
        evidence: Vec<String>,
        /// The situation and the task, a line or two: how a story starts.
        context: Option<String>,
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
        /// Which document the page is.
        layout: Layout,
        /// The named period it covers (`from`/`to` then hold its days).
        period: Option<crate::model::period::Period>,
        /// A packet's ladder level id (checked against the ladder by the
        /// site's ladder pass).
        target: Option<String>,
        /// A cv's highlights per role.
        highlights: Option<u8>,
    },
    Page,
}

/// Where an entry came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Relative to the site root, forward slashes: `content/goals/x.md`.
    pub(crate) path: String,
    /// Relative to `content/` or `private/`: `goals/x.md`, the form `@/` links use.
    pub(crate) link_path: String,
    /// Whether the file sits under `private/`.
    pub(crate) in_private_dir: bool,
    /// The file's text, normalised, kept for diagnostics. Shared, so that
    /// copies of an entry (serve keeps one per file between saves) are cheap
    /// and a cache can tell "the same text" by identity.
    pub(crate) text: std::sync::Arc<str>,
    pub(crate) yaml_line: usize,
    pub(crate) body_line: usize,
    /// Byte offset of the body in `text`.
    pub(crate) body_offset: usize,
}

/// One entry, resolved and validated.
#[derive(Debug, Clone)]
pub struct Entry {
    pub(crate) kind: Kind,
    pub(crate) slug: String,
    /// Whether the front matter set `slug:` (else it is the file's).
    pub(crate) slug_given: bool,
    pub(crate) title: String,
    pub(crate) date: Option<EntryDate>,
    pub(crate) summary: Option<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) draft: bool,
    pub(crate) private: bool,
    pub(crate) featured: bool,
    pub(crate) extra: serde_json::Value,
    pub(crate) meta: KindMeta,
    pub origin: Origin,
}

impl Entry {
    pub(crate) fn body(&self) -> &str {
        &self.origin.text[self.origin.body_offset..]
    }

    /// Whether it is a sealed share page: published, as ciphertext only,
    /// even from `private/share/`.
    pub(crate) fn is_sealed_share(&self) -> bool {
        matches!(self.meta, KindMeta::Share { sealed: true, .. })
    }
}

/// A file name's date prefix and slug: `2026-03-06-ship-it` → (date, `ship-it`).
pub(crate) fn split_file_stem(stem: &str) -> (Option<Date>, &str) {
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
pub(crate) fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('.')
        && s.chars()
            .all(|c| (c.is_alphanumeric() && !c.is_uppercase()) || matches!(c, '-' | '_' | '.'))
}

/// Context a resolution needs beyond the front matter itself.
pub(crate) struct ResolveInput<'a> {
    pub(crate) parsed: Parsed<'a>,
    /// The whole normalised file text that `parsed` borrows from, kept by
    /// the entry (shared, not copied).
    pub(crate) text: &'a std::sync::Arc<str>,
    pub(crate) path: String,
    pub(crate) link_path: String,
    pub(crate) stem: String,
    pub(crate) in_private_dir: bool,
    pub(crate) is_home: bool,
}

/// The one rule for what a role is. A `type: role` milestone is one, and
/// so is a promotion that names the role it leads to (its span runs from
/// the promotion to its `end`); a milestone with a `role` and no type was
/// made a role already. One whose `role` or `org` was left empty is not,
/// so an untouched `new milestone` never becomes "Now , since …".
pub(crate) fn is_role(milestone_type: Option<MilestoneType>, has_role: bool, blank: bool) -> bool {
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
pub(crate) fn resolve(
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
pub(crate) fn resolve_partial(
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
    let Parsed {
        mut raw,
        split,
        kind,
        errors,
    } = parsed;
    let kind = if is_home { Kind::Home } else { kind };
    if let Some(d) = defaults {
        raw.merge_defaults(d);
    }
    let mut fm = Fm {
        path: &path,
        text,
        yaml: split.yaml,
        yaml_line: split.yaml_line,
        errors,
    };
    let (common, shared, own) = raw.into_parts(kind);
    let Common {
        slug,
        slug_given,
        title,
        date,
        summary,
        tags,
        draft,
        private,
        featured,
        extra,
    } = resolve_common(&mut fm, kind, &stem, in_private_dir, common);
    let meta = kinds::resolve_meta(&mut fm, own, shared);
    let errors = fm.errors;
    let body_offset = split.body.as_ptr() as usize - text.as_ptr() as usize;
    let entry = Entry {
        kind,
        slug,
        slug_given,
        title,
        date,
        summary,
        tags,
        draft,
        private,
        featured,
        extra,
        meta,
        origin: Origin {
            path,
            link_path,
            in_private_dir,
            text: text.clone(),
            yaml_line: split.yaml_line,
            body_line: split.body_line,
            body_offset,
        },
    };
    (entry, errors)
}

/// The fields every kind has, resolved: [`Entry`]'s own.
struct Common {
    slug: String,
    slug_given: bool,
    title: String,
    date: Option<EntryDate>,
    summary: Option<String>,
    tags: Vec<String>,
    draft: bool,
    private: bool,
    featured: bool,
    extra: serde_json::Value,
}

/// The common fields, in the order their problems are reported.
fn resolve_common(
    fm: &mut Fm,
    kind: Kind,
    stem: &str,
    in_private_dir: bool,
    raw: RawCommon,
) -> Common {
    let RawCommon {
        title,
        date,
        summary,
        tags,
        draft,
        visibility,
        slug,
        featured,
        extra,
    } = raw;
    let title = resolve_title(fm, title);
    let (file_date, file_slug) = split_file_stem(stem);
    let date = resolve_date(fm, kind, date, file_date, file_slug);
    let slug_given = slug.as_ref().is_some_and(|t| !t.0.trim().is_empty());
    let slug = resolve_slug(fm, slug, file_slug);
    // Under `private/` the folder decides: `visibility` is not even read.
    let private = in_private_dir || resolve_private(fm, kind, visibility);
    let extra = resolve_extra(fm, extra);
    Common {
        slug,
        slug_given,
        title: title.trim().to_string(),
        date,
        summary: opt(summary),
        tags: list(tags),
        draft: draft.unwrap_or(false),
        private,
        featured: featured.unwrap_or(false),
        extra,
    }
}

/// The title; a missing one is reported unless a problem with it was.
fn resolve_title(fm: &mut Fm, title: Option<Text>) -> String {
    let title = opt(title).unwrap_or_default();
    if title.trim().is_empty() && !fm.reported("title") {
        fm.errors.push(
            Diagnostic::error(Code::MissingTitle, "this entry has no title")
                .at(fm.path, fm.text, 1, 1)
                .with_help(
                    "add a line such as `title: \"Cut build times in half\"` to the front matter",
                ),
        );
    }
    title
}

/// `date:`, else the file name's date; required for some kinds.
fn resolve_date(
    fm: &mut Fm,
    kind: Kind,
    date: Option<Text>,
    file_date: Option<Date>,
    file_slug: &str,
) -> Option<EntryDate> {
    let date = fm.date("date", date).or(file_date.map(|date| EntryDate {
        date,
        instant: None,
    }));
    if kind.needs_date()
        && date.is_none()
        && fm.errors.iter().all(|e| e.code != "invalid-date")
        && !fm.reported("date")
    {
        fm.errors.push(
            Diagnostic::error(Code::MissingDate, format!("{} needs a date", kind.with_article()))
                .at(fm.path, fm.text, 1, 1)
                .with_help(format!(
                    "add `date: 2026-03-06` to the front matter, or start the file name with the date (`2026-03-06-{file_slug}.md`)"
                )),
        );
    }
    date
}

/// `slug:` as written (reported, but kept, when it is not a valid one),
/// else the file name's.
fn resolve_slug(fm: &mut Fm, slug: Option<Text>, file_slug: &str) -> String {
    match opt(slug) {
        Some(s) if valid_slug(&s) => s,
        Some(s) => {
            let d = fm.at(
                &["slug"],
                Diagnostic::error(Code::InvalidSlug, format!("`{s}` is not a valid slug"))
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
    }
}

/// Whether `visibility:` (or, left out, the kind) makes the entry private.
fn resolve_private(fm: &mut Fm, kind: Kind, visibility: Option<Text>) -> bool {
    fm.choice(
        "visibility",
        visibility,
        |s| match s {
            "public" => Some(false),
            "private" => Some(true),
            _ => None,
        },
        &["public", "private"],
    )
    .unwrap_or(kind.private_by_default())
}

/// `extra:` as JSON for templates; an empty object when left out.
fn resolve_extra(fm: &mut Fm, extra: Option<serde_yaml::Value>) -> serde_json::Value {
    match extra {
        Some(v) => match crate::model::frontmatter::yaml_to_json(&v) {
            Ok(j) => j,
            Err(e) => {
                let d = fm.at(
                    &["extra"],
                    Diagnostic::error(Code::InvalidExtra, format!("`extra` cannot be used: {e}"))
                        .with_help("use text keys in `extra`"),
                );
                fm.errors.push(d);
                serde_json::Value::Null
            }
        },
        None => serde_json::Value::Object(Default::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use check::{codes, text};

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

    fn fm(yaml: &str) -> Fm<'_> {
        Fm::of(yaml)
    }

    #[test]
    fn a_slug_is_written_or_made_from_the_file_name() {
        let mut f = fm("slug: Bad Slug\n");
        assert_eq!(resolve_slug(&mut f, text("talk-1"), "x"), "talk-1");
        assert_eq!(resolve_slug(&mut f, None, "ship-it"), "ship-it");
        assert_eq!(
            resolve_slug(&mut f, text("  "), "Weird File!"),
            "weird-file"
        );
        assert_eq!(resolve_slug(&mut f, None, "!!!"), "entry");
        assert!(f.errors.is_empty());
        // A bad slug is reported and kept, so what links to it still resolves.
        assert_eq!(resolve_slug(&mut f, text("Bad Slug"), "x"), "Bad Slug");
        assert_eq!(codes(&f), [("invalid-slug", 1)]);
    }

    #[test]
    fn visibility_or_the_kind_decides_privacy() {
        let mut f = fm("visibility: hidden\n");
        assert!(!resolve_private(&mut f, Kind::Goal, None));
        assert!(resolve_private(&mut f, Kind::Reflection, None));
        assert!(!resolve_private(&mut f, Kind::Reflection, text("public")));
        assert!(resolve_private(&mut f, Kind::Goal, text("private")));
        assert!(f.errors.is_empty());
        // A bad value leaves the kind's rule in force.
        assert!(resolve_private(&mut f, Kind::Reflection, text("hidden")));
        assert_eq!(
            f.errors[0].help.as_deref(),
            Some("did you mean `private`? allowed: public, private")
        );
    }

    #[test]
    fn a_date_comes_from_the_front_matter_or_the_file_name() {
        let file_date = "2026-03-06".parse().ok();
        let mut f = fm("title: a\n");
        let d = resolve_date(&mut f, Kind::Achievement, None, file_date, "x").unwrap();
        assert_eq!(d.date.to_string(), "2026-03-06");
        let d = resolve_date(
            &mut f,
            Kind::Achievement,
            text("2026-01-02"),
            file_date,
            "x",
        );
        assert_eq!(d.unwrap().date.to_string(), "2026-01-02");
        assert_eq!(resolve_date(&mut f, Kind::Goal, None, None, "x"), None);
        assert!(f.errors.is_empty());
        assert_eq!(resolve_date(&mut f, Kind::Milestone, None, None, "x"), None);
        assert_eq!(codes(&f), [("missing-date", 1)]);
        assert!(
            f.errors[0]
                .help
                .as_deref()
                .unwrap()
                .contains("`2026-03-06-x.md`")
        );
        // A bad date is the one problem: it is not also missing.
        let mut f = fm("title: a\ndate: 06/03/2026\n");
        assert_eq!(
            resolve_date(&mut f, Kind::Achievement, text("06/03/2026"), None, "x"),
            None
        );
        assert_eq!(codes(&f), [("invalid-date", 2)]);
    }

    #[test]
    fn a_title_is_required_unless_its_problem_was_reported() {
        let mut f = fm("titel: a\n");
        assert_eq!(resolve_title(&mut f, text(" A ")), " A ");
        assert!(f.errors.is_empty());
        resolve_title(&mut f, None);
        assert_eq!(codes(&f), [("missing-title", 1)]);
        let mut f = fm("titel: a\n");
        f.errors.push(
            Diagnostic::error(Code::UnknownKey, "u")
                .with_help("did you mean `title`?")
                .suggest("title"),
        );
        resolve_title(&mut f, None);
        assert_eq!(f.errors.len(), 1);
    }

    #[test]
    fn defaults_fill_in_before_the_fields_are_checked() {
        let text: std::sync::Arc<str> = "---\ntitle: G\n---\nbody\n".into();
        let parsed = crate::model::frontmatter::parse("goals/g.md", &text, Some(Kind::Goal))
            .ok()
            .unwrap();
        let defaults = RawFrontMatter {
            status: Some(Text("paused".into())),
            tags: Some(vec![Text(" x ".into())]),
            ..Default::default()
        };
        let entry = resolve(
            ResolveInput {
                parsed,
                text: &text,
                path: "content/goals/g.md".to_string(),
                link_path: "goals/g.md".to_string(),
                stem: "g".to_string(),
                in_private_dir: false,
                is_home: false,
            },
            Some(&defaults),
        )
        .unwrap();
        assert!(matches!(
            entry.meta,
            KindMeta::Goal {
                status: GoalStatus::Paused,
                ..
            }
        ));
        assert_eq!(entry.tags, ["x"]);
        assert_eq!(entry.body(), "body\n");
        assert_eq!((entry.origin.yaml_line, entry.origin.body_line), (2, 4));
    }
}
