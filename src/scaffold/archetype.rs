//! Archetypes: the templates `waymark new` fills in to start an entry. They
//! are embedded in the binary, so `new` works in an empty site, and a site
//! overrides one by putting a file of the same name in its `archetypes/`.
//! Each is a Tera template that gets the title, the date, the ISO week, the
//! quarter and the site's active goals, so the prompts can name them.

use std::path::{Path, PathBuf};

use jiff::civil::{Date, ISOWeekDate, Weekday};
use serde::Serialize;

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::model::entry::{Entry, GoalStatus, KindMeta, Layout};
use crate::model::kind::Kind;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/archetypes/", $name)))),*]
    };
}

/// Every file of `archetypes/`, embedded. A unit test keeps this table and
/// the folder in step.
pub(crate) const EMBEDDED: &[(&str, &str)] = embedded![
    "achievement.md",
    "week.md",
    "goal.md",
    "reflection.md",
    "review.md",
    "milestone.md",
    "share.md",
    "share-packet.md",
    "share-review.md",
    "share-cv.md",
];

/// What `waymark new` can create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum NewKind {
    Achievement,
    /// This ISO week's achievement note.
    Week,
    Goal,
    Reflection,
    /// A quarterly review: a reflection with a period and a wellbeing audit.
    Review,
    Milestone,
    Share,
}

impl NewKind {
    #[cfg(test)]
    pub const ALL: [NewKind; 7] = [
        NewKind::Achievement,
        NewKind::Week,
        NewKind::Goal,
        NewKind::Reflection,
        NewKind::Review,
        NewKind::Milestone,
        NewKind::Share,
    ];

    /// The archetype's name, also its file name without `.md`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            NewKind::Achievement => "achievement",
            NewKind::Week => "week",
            NewKind::Goal => "goal",
            NewKind::Reflection => "reflection",
            NewKind::Review => "review",
            NewKind::Milestone => "milestone",
            NewKind::Share => "share",
        }
    }

    /// The kind of entry it makes.
    pub(crate) fn kind(self) -> Kind {
        match self {
            NewKind::Achievement | NewKind::Week => Kind::Achievement,
            NewKind::Goal => Kind::Goal,
            NewKind::Reflection | NewKind::Review => Kind::Reflection,
            NewKind::Milestone => Kind::Milestone,
            NewKind::Share => Kind::Share,
        }
    }

    /// Kinds whose title can be made up from the date.
    fn default_title(self, d: &Dates) -> Option<String> {
        match self {
            NewKind::Week => Some(format!("Week {} of {}", d.week, d.iso_year)),
            NewKind::Reflection => {
                Some(format!("Reflection on {}", crate::text::human_date(d.date)))
            }
            NewKind::Review => Some(format!("Quarterly review {}", d.period)),
            _ => None,
        }
    }

    /// Whether the entry goes to `private/` unless `--public` says otherwise.
    fn private_by_default(self) -> bool {
        matches!(self, NewKind::Reflection | NewKind::Review)
    }
}

/// The built-in archetype of a kind.
#[cfg(test)]
pub(crate) fn embedded(kind: NewKind) -> &'static str {
    embedded_named(kind.name())
}

/// The built-in archetype `name` (`share-packet`).
fn embedded_named(name: &str) -> &'static str {
    let file = format!("{name}.md");
    EMBEDDED
        .iter()
        .find(|(n, _)| *n == file)
        .map(|(_, t)| *t)
        .expect("every kind and layout has an embedded archetype")
}

/// The archetype a request uses: its kind's, or a share layout's own
/// (`share-packet`, `share-review`, `share-cv`).
fn archetype_name(req: &NewRequest) -> String {
    match req.layout {
        Some(l) if req.kind == NewKind::Share && l != Layout::Brief => {
            format!("share-{}", Layout::NAMES[l as usize])
        }
        _ => req.kind.name().to_string(),
    }
}

/// Everything date-related an archetype may use.
#[derive(Debug, Clone, Serialize)]
struct Dates {
    #[serde(serialize_with = "display")]
    date: Date,
    year: i16,
    month: i8,
    day: i8,
    iso_year: i16,
    /// ISO week number, 1–53.
    week: i8,
    /// Two digits: `07`.
    week_padded: String,
    #[serde(serialize_with = "display")]
    week_start: Date,
    #[serde(serialize_with = "display")]
    week_end: Date,
    week_start_human: String,
    week_end_human: String,
    quarter: i8,
    /// `2026-Q1`.
    period: String,
    /// `2026-H2`: the half, as a self-review's `period`.
    half: String,
    #[serde(serialize_with = "display")]
    year_ago: Date,
}

fn display<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

fn iso_day(w: ISOWeekDate, day: Weekday) -> Date {
    ISOWeekDate::new(w.year(), w.week(), day)
        .map(|d| d.date())
        .unwrap_or_else(|_| w.date())
}

impl Dates {
    fn of(date: Date) -> Dates {
        let w = date.iso_week_date();
        let week_start = iso_day(w, Weekday::Monday);
        let week_end = iso_day(w, Weekday::Sunday);
        let quarter = (date.month() - 1) / 3 + 1;
        Dates {
            date,
            year: date.year(),
            month: date.month(),
            day: date.day(),
            iso_year: w.year(),
            week: w.week(),
            week_padded: format!("{:02}", w.week()),
            week_start,
            week_end,
            week_start_human: crate::text::human_date(week_start),
            week_end_human: crate::text::human_date(week_end),
            quarter,
            period: format!("{}-Q{quarter}", date.year()),
            half: format!("{}-H{}", date.year(), if date.month() <= 6 { 1 } else { 2 }),
            year_ago: date.saturating_sub(jiff::Span::new().years(1)),
        }
    }
}

/// An active goal, as archetypes see it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GoalInfo {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) horizon: Option<&'static str>,
    pub(crate) due: Option<String>,
    pub(crate) private: bool,
}

/// What an archetype is rendered with.
#[derive(Debug, Clone, Serialize)]
struct Context {
    kind: &'static str,
    title: String,
    slug: String,
    #[serde(serialize_with = "display")]
    today: Date,
    #[serde(flatten)]
    dates: Dates,
    tags: Vec<String>,
    public: bool,
    /// A sealed share page (`new share --sealed`).
    sealed: bool,
    goals: Vec<GoalInfo>,
    north_star: Option<String>,
    site_title: Option<String>,
    /// The ladder's gaps (null without a ladder with a level or target).
    ladder: Option<LadderGaps>,
}

/// A request to create an entry.
#[derive(Debug, Clone)]
pub(crate) struct NewRequest {
    pub(crate) kind: NewKind,
    pub(crate) title: Option<String>,
    /// The entry's date (`--date`, else today).
    pub(crate) date: Date,
    pub(crate) today: Date,
    pub(crate) tags: Vec<String>,
    /// `--public`: reflections and reviews go to `content/` and say
    /// `visibility: public`.
    pub(crate) public: bool,
    /// `--sealed`: a share page goes to `private/share/` and says `sealed: true`.
    pub(crate) sealed: bool,
    /// `--layout`: a share page's document, with its own archetype.
    pub(crate) layout: Option<Layout>,
}

/// What `new` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NewOutcome {
    /// A file was written, at this path relative to the site root.
    Created(String),
    /// This ISO week's note already exists here; nothing was written.
    WeekExists(String),
}

/// A slug from a title, kept to a readable length at a word boundary.
pub(crate) fn slug_from_title(title: &str) -> String {
    let full = crate::model::markdown::slugify(title);
    if full.chars().count() <= 60 {
        return full;
    }
    let mut out = String::new();
    for word in full.split('-') {
        if !out.is_empty() && out.chars().count() + 1 + word.chars().count() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out.chars().take(60).collect()
}

/// The file name a week note has: `YYYY-MM-DD-week-NN.md`, dated on the
/// Friday of its ISO week.
pub(crate) fn week_note_path(date: Date) -> String {
    let w = date.iso_week_date();
    let friday = iso_day(w, Weekday::Friday);
    format!(
        "content/achievements/{}/{friday}-week-{:02}.md",
        friday.year(),
        w.week()
    )
}

/// Finds the note of `date`'s ISO week: a file under `content/achievements/`
/// or `private/achievements/` named `YYYY-MM-DD-week-NN.md` whose date falls
/// in that ISO week and whose NN is its number.
pub(crate) fn find_week_note(root: &Path, date: Date) -> Option<String> {
    let want = date.iso_week_date();
    let mut found = Vec::new();
    for top in ["content", "private"] {
        let dir = root.join(top).join("achievements");
        if !dir.is_dir() {
            continue;
        }
        for e in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let name = e.file_name().to_string_lossy();
            let Some(stem) = name.strip_suffix(".md") else {
                continue;
            };
            let (Some(d), rest) = crate::model::entry::split_file_stem(stem) else {
                continue;
            };
            let w = d.iso_week_date();
            if (w.year(), w.week()) == (want.year(), want.week())
                && rest == format!("week-{:02}", w.week())
                && let Ok(rel) = e.path().strip_prefix(root)
            {
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.into_iter().next()
}

/// Active goals, longest horizon first; private and draft goals only when
/// the new entry is private too, so a prompt never leaks one.
pub(crate) fn active_goals(
    entries: &[std::sync::Arc<Entry>],
    target_private: bool,
) -> Vec<GoalInfo> {
    let mut goals: Vec<(Option<crate::model::entry::Horizon>, GoalInfo)> = entries
        .iter()
        .filter(|e| target_private || (!e.private && !e.draft))
        .filter_map(|e| match &e.meta {
            KindMeta::Goal {
                status: GoalStatus::Active,
                horizon,
                due,
                ..
            } => Some((
                *horizon,
                GoalInfo {
                    slug: e.slug.clone(),
                    title: e.title.clone(),
                    horizon: horizon.map(|h| h.code()),
                    due: due.map(|d| d.to_string()),
                    private: e.private,
                },
            )),
            _ => None,
        })
        .collect();
    goals.sort_by(|a, b| (a.0.is_none(), a.0, &a.1.slug).cmp(&(b.0.is_none(), b.0, &b.1.slug)));
    goals.into_iter().map(|(_, g)| g).collect()
}

/// Where an archetype comes from: the site's `archetypes/` or the binary.
struct Source {
    text: String,
    /// For messages: `archetypes/week.md` or `(built-in archetype) week.md`.
    shown: String,
}

fn archetype_source(root: &Path, name: &str) -> Result<Source, Diagnostic> {
    let rel = format!("archetypes/{name}.md");
    let path = root.join(&rel);
    if path.is_file() {
        let bytes = std::fs::read(&path).map_err(|e| {
            Diagnostic::error(Code::Io, format!("cannot read this archetype: {e}")).at_path(&rel)
        })?;
        let text = crate::model::source::decode(&rel, bytes)?;
        return Ok(Source { text, shown: rel });
    }
    Ok(Source {
        text: embedded_named(name).to_string(),
        shown: format!("(built-in archetype) {name}.md"),
    })
}

/// A value as YAML in flow style: JSON is YAML, but a list reads better as
/// `["a", "b"]` than `["a","b"]`.
fn yaml_filter(v: &tera::Value, _: tera::Kwargs, _: &tera::State) -> String {
    let json = serde_json::to_value(v).unwrap_or_default();
    fn flow(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::Array(items) => {
                format!(
                    "[{}]",
                    items.iter().map(flow).collect::<Vec<_>>().join(", ")
                )
            }
            other => other.to_string(),
        }
    }
    flow(&json)
}

/// Renders an archetype. The `yaml` filter writes a value as YAML (a quoted
/// string, a flow list), so a title with a colon or quote stays valid.
fn render(source: &Source, ctx: &Context) -> Result<String, Diagnostic> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    tera.register_filter("yaml", yaml_filter);
    let name = source.shown.clone();
    let shown = |n: &str| (n == name).then(|| name.clone());
    let locate = |e: &tera::Error| {
        let mut d = crate::pages::render::with_source_line(
            crate::pages::render::template_diag(e, &shown),
            Some(&source.text),
        );
        d.code = Code::Archetype;
        d
    };
    tera.add_raw_template(&name, &source.text)
        .map_err(|e| locate(&e))?;
    let context = tera::Context::from_serialize(ctx).map_err(|e| {
        Diagnostic::error(Code::Archetype, format!("cannot build the context: {e}"))
    })?;
    tera.render(&name, &context).map_err(|e| locate(&e))
}

/// The path (relative to the root) and slug of a new entry.
fn target(req: &NewRequest, d: &Dates, slug: &str, private: bool) -> String {
    let top = if private { "private" } else { "content" };
    let date = d.date;
    match req.kind {
        NewKind::Week => week_note_path(date),
        NewKind::Achievement => format!("content/achievements/{}/{date}-{slug}.md", date.year()),
        NewKind::Goal => format!("content/goals/{slug}.md"),
        NewKind::Reflection | NewKind::Review => format!("{top}/reflections/{date}-{slug}.md"),
        NewKind::Milestone => format!("content/journey/{date}-{slug}.md"),
        NewKind::Share if req.sealed => format!("private/share/{slug}.md"),
        NewKind::Share => format!("content/share/{slug}.md"),
    }
}

/// What the site already holds, read leniently: `new` works in a site with
/// errors, it only uses this to name goals and avoid taken slugs.
struct SiteInfo {
    entries: Vec<std::sync::Arc<Entry>>,
    north_star: Option<String>,
    title: Option<String>,
    ladder: Option<LadderGaps>,
}

/// The ladder's gaps, as a review's checklist names them: the target
/// level's competencies (else the current level's) that no public,
/// non-draft achievement is evidence for.
#[derive(Debug, Clone, Serialize)]
struct LadderGaps {
    level: String,
    /// The level's id, as a packet's `target:`.
    level_id: String,
    gaps: Vec<GapInfo>,
    /// `ladder.publish: false`: a public review keeps the list in a comment.
    publish: bool,
}

#[derive(Debug, Clone, Serialize)]
struct GapInfo {
    id: String,
    summary: String,
    theme: String,
}

fn ladder_gaps(
    config: &crate::model::config::Config,
    entries: &[std::sync::Arc<Entry>],
) -> Option<LadderGaps> {
    let settings = &config.ladder;
    let ladder = settings.ready()?;
    let focus = settings.target.as_deref().or(settings.level.as_deref())?;
    let level = ladder.level(focus).map(|i| &ladder.levels[i])?;
    let shown: std::collections::HashSet<&str> = entries
        .iter()
        .filter(|e| crate::model::site::counts_as_evidence(e.private, e.draft))
        .filter_map(|e| match &e.meta {
            KindMeta::Achievement { evidence, .. } => Some(evidence),
            _ => None,
        })
        .flatten()
        .map(String::as_str)
        .collect();
    let gaps = ladder
        .competencies
        .iter()
        .filter(|c| c.level == level.id && !shown.contains(c.id.as_str()))
        .map(|c| GapInfo {
            id: c.id.clone(),
            summary: c.summary.replace('\n', " "),
            theme: ladder
                .theme(&c.theme)
                .map_or(c.theme.clone(), |t| ladder.themes[t].name.clone()),
        })
        .collect();
    Some(LadderGaps {
        level: level.name.clone(),
        level_id: level.id.clone(),
        gaps,
        publish: settings.publish,
    })
}

fn site_info(root: &Path) -> SiteInfo {
    // Any absolute base will do: `new` needs the entries, not their URLs,
    // and must work before base_url is set.
    let mut config = crate::pipeline::load_config(root, Some("http://localhost/")).ok();
    if let Some(c) = config.as_mut() {
        // A ladder with errors names no gaps; `check` reports them.
        let _ = crate::pipeline::load_ladder(root, c);
    }
    let entries = match &config {
        Some(c) => crate::pipeline::load_entries(root, c).0,
        None => Vec::new(),
    };
    SiteInfo {
        ladder: config.as_ref().and_then(|c| ladder_gaps(c, &entries)),
        north_star: config.as_ref().and_then(|c| c.north_star.clone()),
        title: config.map(|c| c.title),
        entries,
    }
}

/// Creates an entry from its archetype. Never overwrites a file.
pub(crate) fn new_entry(root: &Path, req: &NewRequest) -> Result<NewOutcome, Vec<Diagnostic>> {
    if req.kind == NewKind::Week
        && let Some(existing) = find_week_note(root, req.date)
    {
        return Ok(NewOutcome::WeekExists(existing));
    }
    // A week note is dated on the Friday its file name says, whatever day
    // of the week it is made on.
    let dates = Dates::of(match req.kind {
        NewKind::Week => iso_day(req.date.iso_week_date(), Weekday::Friday),
        _ => req.date,
    });
    let title = match req
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(t) => t.to_string(),
        None => match req.kind.default_title(&dates) {
            Some(t) => t,
            None => {
                return Err(vec![
                    Diagnostic::error(
                        Code::MissingTitle,
                        format!("a new {} needs a title", req.kind.name()),
                    )
                    .with_help(format!(
                        "e.g. `waymark new {} \"{}\"`",
                        req.kind.name(),
                        example_title(req.kind)
                    )),
                ]);
            }
        },
    };
    if req.sealed && req.kind != NewKind::Share {
        return Err(vec![
            Diagnostic::error(
                Code::NotSealable,
                format!(
                    "only a share page can be sealed, not a new {}",
                    req.kind.name()
                ),
            )
            .with_help("e.g. `waymark new share \"Promotion case for Dana\" --sealed`"),
        ]);
    }
    if req.layout.is_some() && req.kind != NewKind::Share {
        return Err(vec![
            Diagnostic::error(
                Code::InvalidValue,
                format!(
                    "only a share page has a layout, not a new {}",
                    req.kind.name()
                ),
            )
            .with_help("e.g. `waymark new share \"Staff promotion packet\" --layout packet`"),
        ]);
    }
    let private = req.kind.private_by_default() && !req.public;
    let info = site_info(root);
    if req.layout == Some(Layout::Packet) && info.ladder.is_none() {
        return Err(vec![
            Diagnostic::error(
                Code::NoLadder,
                "a promotion packet is written against a career ladder with a target level, and this site has none",
            )
            .with_help("add ladder.yaml (`waymark import ladder FILE` converts your company's framework) and `ladder: { level: …, target: … }` to waymark.yaml; nothing was written"),
        ]);
    }
    let kind = req.kind.kind();
    let base_slug = match req.kind {
        NewKind::Week => format!("{}-week-{}", dates.iso_year, dates.week_padded),
        _ => {
            let s = slug_from_title(&title);
            if s.is_empty() {
                req.kind.name().to_string()
            } else {
                s
            }
        }
    };
    // A slug another entry of this kind already has gets a number, unless
    // it is this very file (which is refused below).
    let mut slug = base_slug.clone();
    let mut n = 1;
    loop {
        let rel = target(req, &dates, &slug, private);
        let taken = info
            .entries
            .iter()
            .any(|e| e.kind == kind && e.slug == slug && e.origin.path != rel);
        if !taken || req.kind == NewKind::Week {
            break;
        }
        n += 1;
        slug = format!("{base_slug}-{n}");
    }
    let rel = target(req, &dates, &slug, private);
    let abs = root.join(&rel);
    if abs.exists() {
        return Err(vec![
            Diagnostic::error(Code::AlreadyExists, format!("{rel} already exists"))
                .at_path(&rel)
                .with_help(
                    "waymark never overwrites a file: open it, or pick another title or `--date`",
                ),
        ]);
    }
    let source = archetype_source(root, &archetype_name(req)).map_err(|d| vec![d])?;
    let ctx = Context {
        kind: kind.name(),
        title,
        slug,
        today: req.today,
        dates,
        tags: req.tags.clone(),
        public: !private,
        sealed: req.sealed,
        goals: active_goals(&info.entries, private),
        north_star: info.north_star,
        site_title: info.title,
        ladder: info.ladder,
    };
    let text = render(&source, &ctx).map_err(|d| vec![d])?;
    let entry = validate(&rel, &text, kind, &source.shown)?;
    if req.sealed && !entry.is_sealed_share() {
        return Err(vec![
            Diagnostic::error(
                Code::BadArchetype,
                format!(
                    "{} makes a share page that is not sealed, so nothing was written",
                    source.shown
                ),
            )
            .with_help(format!(
                "in {}, write `sealed: {{{{ sealed }}}}` where it says `sealed:`",
                source.shown
            )),
        ]);
    }
    crate::scaffold::init::write_new(&abs, &text).map_err(|e| {
        vec![Diagnostic::error(Code::WriteFailed, format!("cannot write {rel}: {e}")).at_path(&rel)]
    })?;
    Ok(NewOutcome::Created(rel))
}

fn example_title(kind: NewKind) -> &'static str {
    match kind {
        NewKind::Achievement => "Cut checkout p99 from 840 ms to 310 ms",
        NewKind::Goal => "Become a staff engineer",
        NewKind::Milestone => "Senior Engineer at Acme",
        NewKind::Share => "Promotion case for Dana",
        _ => "A title",
    }
}

/// Reads the rendered entry back as `build` would, so a broken custom
/// archetype is caught before a file is written.
fn validate(rel: &str, text: &str, kind: Kind, shown: &str) -> Result<Entry, Vec<Diagnostic>> {
    let fail = |mut diags: Vec<Diagnostic>| {
        diags.push(
            Diagnostic::error(
                Code::BadArchetype,
                format!("{shown} makes an entry with errors, so nothing was written"),
            )
            .with_help(format!(
                "fix {shown} (the errors above show the entry it made)"
            )),
        );
        diags
    };
    read_back(rel, text, kind).map_err(fail)
}

/// Reads a file waymark is about to write back as `build` would: the
/// entry, or its errors. `new` and the importers call it before writing, so
/// neither writes an entry that `check` refuses. A path under `private/`
/// reads as private, like the file it will be.
pub(crate) fn read_back(rel: &str, text: &str, kind: Kind) -> Result<Entry, Vec<Diagnostic>> {
    let text: std::sync::Arc<str> = text.into();
    let parsed = crate::model::frontmatter::parse(rel, &text, Some(kind))?;
    let stem = rel
        .rsplit('/')
        .next()
        .unwrap_or(rel)
        .trim_end_matches(".md")
        .to_string();
    let link_path = rel.split_once('/').map_or(rel, |(_, r)| r).to_string();
    crate::model::entry::resolve(
        crate::model::entry::ResolveInput {
            parsed,
            text: &text,
            path: rel.to_string(),
            link_path,
            stem,
            in_private_dir: rel.starts_with("private/"),
            is_home: false,
        },
        None,
    )
}

/// A path for display: relative to `cwd` when inside it, else as given.
pub(crate) fn display_path(root: &Path, rel: &str, cwd: &Path) -> PathBuf {
    let abs = root.join(rel);
    let canon_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let canon_cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf());
    match canon_root.join(rel).strip_prefix(&canon_cwd) {
        Ok(p) => p.to_path_buf(),
        Err(_) => abs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_matches_the_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("archetypes");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = EMBEDDED.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk, "update EMBEDDED in src/archetype.rs");
        for k in NewKind::ALL {
            assert!(!super::embedded(k).is_empty());
        }
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn week_notes_are_dated_on_the_friday_of_their_iso_week() {
        assert_eq!(
            week_note_path(date("2026-03-02")),
            "content/achievements/2026/2026-03-06-week-10.md"
        );
        assert_eq!(
            week_note_path(date("2026-03-08")),
            "content/achievements/2026/2026-03-06-week-10.md"
        );
        // ISO week 53 of 2026 ends in 2027: its Friday is 1 January 2027.
        assert_eq!(
            week_note_path(date("2026-12-31")),
            "content/achievements/2027/2027-01-01-week-53.md"
        );
    }

    #[test]
    fn dates_know_their_week_and_quarter() {
        let d = Dates::of(date("2026-03-06"));
        assert_eq!((d.iso_year, d.week, d.quarter), (2026, 10, 1));
        assert_eq!(d.period, "2026-Q1");
        assert_eq!(d.week_start.to_string(), "2026-03-02");
        assert_eq!(d.week_end.to_string(), "2026-03-08");
        assert_eq!(d.year_ago.to_string(), "2025-03-06");
    }

    #[test]
    fn long_titles_make_short_slugs() {
        assert_eq!(
            slug_from_title("Cut p99: 840 ms → 310 ms!"),
            "cut-p99-840-ms-310-ms"
        );
        let long = "word ".repeat(40);
        let s = slug_from_title(&long);
        assert!(s.len() <= 60 && !s.ends_with('-'), "{s}");
    }

    #[test]
    fn every_embedded_archetype_makes_a_valid_entry() {
        let gaps = |publish: bool| LadderGaps {
            level: "Staff Engineer".into(),
            level_id: "staff".into(),
            gaps: vec![GapInfo {
                id: "staff-scope".into(),
                summary: "Leads work \"across\" teams: all of them".into(),
                theme: "Delivery".into(),
            }],
            publish,
        };
        for k in NewKind::ALL {
            for (public, ladder) in [
                (false, None),
                (true, None),
                (false, Some(gaps(true))),
                (true, Some(gaps(true))),
                (true, Some(gaps(false))),
            ] {
                let unpublished = ladder.as_ref().is_some_and(|l| !l.publish);
                let has_ladder = ladder.is_some();
                let dates = Dates::of(date("2026-03-06"));
                let ctx = Context {
                    kind: k.kind().name(),
                    title: "A \"quoted\": title".to_string(),
                    slug: "a-title".to_string(),
                    today: date("2026-03-06"),
                    dates,
                    tags: vec!["one".into(), "two words".into()],
                    public,
                    sealed: !public,
                    goals: vec![GoalInfo {
                        slug: "staff".into(),
                        title: "Become Staff".into(),
                        horizon: Some("3y"),
                        due: Some("2027-01-01".into()),
                        private: false,
                    }],
                    north_star: Some("Lead a platform team".into()),
                    site_title: None,
                    ladder,
                };
                let source = Source {
                    text: embedded(k).to_string(),
                    shown: format!("{}.md", k.name()),
                };
                let text = render(&source, &ctx).unwrap_or_else(|d| panic!("{}", d.render(false)));
                let private = k.private_by_default() && !public;
                let rel = if private {
                    "private/reflections/2026-03-06-a-title.md"
                } else {
                    "content/x/2026-03-06-a-title.md"
                };
                if let Err(diags) = validate(rel, &text, k.kind(), "t") {
                    let shown: Vec<String> = diags.iter().map(|d| d.render(false)).collect();
                    panic!("{} ({public}):\n{}\n{text}", k.name(), shown.join("\n"));
                }
                assert!(
                    text.contains("title: \"A \\\"quoted\\\": title\""),
                    "{text}"
                );
                if k == NewKind::Review && has_ladder {
                    let line = "- [ ] **Delivery**: Leads work \"across\" teams: all of them (`staff-scope`)";
                    // Shown as a checklist, or kept in a comment when a
                    // public review meets an unpublished ladder.
                    assert_eq!(text.contains(line), !unpublished, "{text}");
                    let rendered = crate::model::markdown::render(&text, &|_| {
                        crate::model::markdown::LinkTarget::Missing
                    });
                    assert_eq!(rendered.html().contains("staff-scope"), !unpublished);
                }
            }
        }
    }

    #[test]
    fn each_layout_has_an_archetype_that_makes_that_document() {
        for layout in [Layout::Packet, Layout::Review, Layout::Cv] {
            for sealed in [false, true] {
                let req = NewRequest {
                    kind: NewKind::Share,
                    title: None,
                    date: date("2026-11-20"),
                    today: date("2026-11-20"),
                    tags: Vec::new(),
                    public: false,
                    sealed,
                    layout: Some(layout),
                };
                let name = archetype_name(&req);
                let ctx = Context {
                    kind: "share",
                    title: "Staff case".to_string(),
                    slug: "staff-case".to_string(),
                    today: req.today,
                    dates: Dates::of(req.date),
                    tags: Vec::new(),
                    public: true,
                    sealed,
                    goals: Vec::new(),
                    north_star: None,
                    site_title: None,
                    ladder: Some(LadderGaps {
                        level: "Staff Engineer".into(),
                        level_id: "staff".into(),
                        gaps: Vec::new(),
                        publish: true,
                    }),
                };
                let source = Source {
                    text: embedded_named(&name).to_string(),
                    shown: format!("{name}.md"),
                };
                let text = render(&source, &ctx).unwrap_or_else(|d| panic!("{}", d.render(false)));
                let entry = validate("content/share/staff-case.md", &text, Kind::Share, "t")
                    .unwrap_or_else(|d| panic!("{name}: {d:?}\n{text}"));
                let KindMeta::Share {
                    layout: got,
                    period,
                    target,
                    sealed: got_sealed,
                    ..
                } = &entry.meta
                else {
                    panic!("{name} makes no share page");
                };
                assert_eq!((*got, *got_sealed), (layout, sealed), "{name}");
                match layout {
                    Layout::Packet => assert_eq!(target.as_deref(), Some("staff")),
                    Layout::Review => {
                        assert_eq!(period.as_ref().map(|p| p.label.as_str()), Some("2026-H2"))
                    }
                    _ => {}
                }
            }
        }
        let req = |kind| NewRequest {
            kind,
            title: None,
            date: date("2026-11-20"),
            today: date("2026-11-20"),
            tags: Vec::new(),
            public: false,
            sealed: false,
            layout: Some(Layout::Brief),
        };
        assert_eq!(archetype_name(&req(NewKind::Share)), "share");
    }
}
