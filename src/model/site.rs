//! The site model: entries joined into collections, the goal tree, evidence
//! links and taxonomies. `Site::assemble` is the one place where private
//! entries and drafts are left out: everything after it sees only what the
//! audience may see.

use std::collections::BTreeSet;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{Diagnostic, line_col, nearest};
use crate::model::config::Config;
use crate::model::entry::{Entry, GoalStatus, KindMeta, Link, Metric, Wellbeing};
use crate::model::frontmatter::key_position;
use crate::model::kind::Kind;
use crate::model::markdown::{self, LinkTarget};
use crate::model::source::Asset;

/// Who the output is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Audience {
    /// Include drafts (`--drafts`).
    pub drafts: bool,
    /// Include private entries, marked (`serve --private`, never `build`).
    pub private: bool,
}

impl Audience {
    pub fn sees(&self, e: &Entry) -> bool {
        (!e.private || self.private) && (!e.draft || self.drafts)
    }
}

/// A tag or skill with its page.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
}

/// A link to another entry, with what lists show of it.
#[derive(Debug, Clone, Serialize)]
pub struct Ref {
    pub title: String,
    pub slug: String,
    pub url: String,
    pub date: Option<String>,
    /// `date` as "20 Nov 2026".
    pub date_human: Option<String>,
    pub impact: Option<String>,
    pub progress: Option<u8>,
    pub status: Option<GoalStatus>,
    pub private: bool,
}

/// A value many views show — a tag, a skill, a link to a goal — made once
/// and shared: every view that holds it serialises to the one template
/// value instead of a copy of its own (a popular tag is on thousands of
/// entries).
#[derive(Debug)]
pub struct Shared<T>(Arc<(T, std::sync::OnceLock<tera::Value>)>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new((value, std::sync::OnceLock::new())))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0.0
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0
            .1
            .get_or_init(|| tera::Value::from_serializable(&self.0.0))
            .serialize(s)
    }
}

/// An entry as templates see it: its fields, and the template value built
/// from them once. An entry appears on many pages (its own, the log, tag and
/// skill pages, goal evidence); serialising it once and sharing the value
/// keeps rendering linear in the number of entries.
#[derive(Debug, Clone)]
pub struct EntryView {
    fields: EntryFields,
    value: std::sync::OnceLock<tera::Value>,
}

impl EntryView {
    pub fn new(fields: EntryFields) -> EntryView {
        EntryView {
            fields,
            value: std::sync::OnceLock::new(),
        }
    }
}

impl std::ops::Deref for EntryView {
    type Target = EntryFields;
    fn deref(&self) -> &EntryFields {
        &self.fields
    }
}

impl Serialize for EntryView {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value
            .get_or_init(|| tera::Value::from_serializable(&self.fields))
            .serialize(s)
    }
}

/// An entry's fields as templates see them. Every field is always present
/// (null when it does not apply) so templates can test fields without
/// tripping on undefined names.
#[derive(Debug, Clone, Serialize)]
pub struct EntryFields {
    pub kind: Kind,
    pub slug: String,
    pub title: String,
    /// Site-relative link, with the base_url path (`/career/goals/x/`).
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    pub date: Option<String>,
    pub date_human: Option<String>,
    pub year: Option<i16>,
    pub iso_year: Option<i16>,
    pub iso_week: Option<i8>,
    /// Plain text: `summary:` or the first paragraph.
    pub summary: String,
    pub tags: Vec<Shared<Term>>,
    pub featured: bool,
    pub private: bool,
    pub draft: bool,
    /// The rendered Markdown, held as the template value itself: the view
    /// shares it with the Markdown renderer's result instead of copying it
    /// (an entry's text is most of its view).
    pub content: tera::Value,
    pub extra: serde_json::Value,
    // achievement
    pub impact: Option<String>,
    pub metrics: Vec<Metric>,
    pub skills: Vec<Shared<Term>>,
    pub goals: Vec<Shared<Ref>>,
    pub with: Vec<String>,
    pub links: Vec<Link>,
    // goal
    pub horizon: Option<&'static str>,
    pub horizon_label: Option<&'static str>,
    pub due: Option<String>,
    /// `due` as "18 Dec 2026".
    pub due_human: Option<String>,
    pub status: Option<GoalStatus>,
    pub measure: Option<String>,
    pub why: Option<String>,
    pub parent: Option<Shared<Ref>>,
    pub children: Vec<Shared<Ref>>,
    pub evidence: Vec<Shared<Ref>>,
    pub progress: Option<u8>,
    /// Where the progress comes from: `set`, `checklist`, `sub-goals`, `achieved`.
    pub progress_source: Option<&'static str>,
    pub tasks_done: usize,
    pub tasks_total: usize,
    pub achieved_on: Option<String>,
    // reflection
    pub period: Option<String>,
    pub wellbeing: Option<Wellbeing>,
    pub mood: Option<String>,
    // milestone
    pub end: Option<String>,
    /// `end` as "13 Jul 2012".
    pub end_human: Option<String>,
    pub role: Option<String>,
    pub org: Option<String>,
    #[serde(rename = "type")]
    pub milestone_type: Option<crate::model::entry::MilestoneType>,
    /// See [`crate::model::entry::is_role`]: templates ask this, not `type`.
    pub is_role: bool,
    // share
    #[serde(rename = "for")]
    pub for_whom: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub ask: Option<String>,
    pub sealed: bool,
    /// A share page's filters and period, for `Site::share_*`.
    #[serde(skip)]
    pub share: Option<ShareSpec>,
}

/// What a share page selects.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareSpec {
    pub include: crate::model::entry::ShareInclude,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub sealed: bool,
    pub key_salt: Option<String>,
    /// The source file, for errors about this page.
    pub path: String,
}

/// A term's page: a tag or skill and the entries that carry it.
#[derive(Debug, Clone)]
pub struct TermPage {
    pub term: Term,
    pub entries: Vec<usize>,
    pub first: Option<String>,
    pub latest: Option<String>,
}

/// What a build left out, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    pub drafts: usize,
    pub private: usize,
}

/// A file to copy next to an entry's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedAsset {
    pub from: std::path::PathBuf,
    /// Site-relative output path.
    pub to: String,
}

/// The assembled site: only what the audience may see.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub today: Date,
    pub audience: Audience,
    pub entries: Vec<Arc<EntryView>>,
    /// Dated entries carry their date here too, for timelines and groupings.
    pub dates: Vec<Option<Date>>,
    /// The same, as RFC 3339 instants for feeds: the time when one was
    /// written (`2026-03-06T23:30:00-05:00`), else midnight UTC.
    pub instants: Vec<Option<String>>,
    pub achievements: Vec<usize>,
    pub goals: Vec<usize>,
    pub reflections: Vec<usize>,
    pub milestones: Vec<usize>,
    pub shares: Vec<usize>,
    pub pages: Vec<usize>,
    pub home: Option<usize>,
    pub tags: Vec<TermPage>,
    pub skills: Vec<TermPage>,
    pub assets: Vec<CopiedAsset>,
    pub left_out: LeftOut,
}

// The URL layout is urls.rs's; re-exported for the model's own callers.
pub use crate::urls::{RESERVED, RESERVED_IN_SECTION, entry_path};

/// Why an entry of `kind` may not have `slug`, if it may not.
fn reserved_slug(kind: Kind, slug: &str) -> Option<String> {
    match kind {
        Kind::Milestone | Kind::Home => None,
        _ if slug == "__waymark" => Some(format!(
            "the slug `{slug}` is taken: `waymark serve` answers /__waymark/ itself"
        )),
        Kind::Page if RESERVED.contains(&slug) => Some(format!(
            "the page slug `{slug}` is taken by a section of the site"
        )),
        Kind::Achievement | Kind::Goal | Kind::Reflection | Kind::Share
            if RESERVED_IN_SECTION.contains(&slug) =>
        {
            let section = entry_path(kind, "").replace("//", "/");
            Some(format!(
                "the slug `{slug}` is taken: /{section}{slug} is the section's own page"
            ))
        }
        _ => None,
    }
}

use crate::text::human_date;

/// Points a diagnostic at a value inside a front matter key (a slug in a
/// `goals:` list, say), falling back to the key, then to the file.
fn point(e: &Entry, key: &str, needle: &str, d: Diagnostic) -> Diagnostic {
    let o = &e.origin;
    let yaml_end = o.text[..o.body_offset].len();
    let yaml = &o.text[..yaml_end];
    // key_position counts from the start of the YAML block, which begins on yaml_line.
    let block: String = yaml
        .lines()
        .skip(o.yaml_line - 1)
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(p) = key_position(&block, &[key]) {
        let lines: Vec<&str> = block.lines().collect();
        for (i, line) in lines.iter().enumerate().skip(p.line - 1) {
            if i > p.line - 1 && !line.starts_with([' ', '-']) {
                break;
            }
            let search_from = if i == p.line - 1 { p.value_col - 1 } else { 0 };
            if let Some(c) = line.get(search_from..).and_then(|l| l.find(needle)) {
                // Columns count characters, not bytes.
                let col = line[..search_from + c].chars().count() + 1;
                return d.at(&o.path, &o.text, o.yaml_line + i, col);
            }
        }
        return d.at(&o.path, &o.text, o.yaml_line + p.line - 1, p.value_col);
    }
    d.at(&o.path, &o.text, 1, 1)
}

/// Decodes `%20`-style escapes in a link to a file beside an entry.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The files beside entries, by path relative to `content/` or `private/`
/// and whether they are under `private/`.
type AssetIndex<'a> = HashMap<(&'a str, bool), &'a Asset>;

/// The file beside `e` that a relative link `f` in its Markdown names.
fn local_asset<'a>(assets: &AssetIndex<'a>, e: &Entry, f: &str) -> Option<&'a Asset> {
    let dir = match e.origin.link_path.rfind('/') {
        Some(j) => &e.origin.link_path[..=j],
        None => "",
    };
    let want = format!("{dir}{}", percent_decode(f));
    assets
        .get(&(want.as_str(), e.origin.in_private_dir))
        .copied()
}

/// Where the page that shows an entry's text lives, for the files its
/// Markdown links to: a milestone's text is shown on the journey page, the
/// home intro on the home page.
fn text_dir(e: &Entry) -> String {
    match e.kind {
        Kind::Milestone => "journey/".to_string(),
        kind => entry_path(kind, &e.slug),
    }
}

/// Progress of every goal, computed on the visible goals only so that a
/// private sub-goal never moves a public bar.
fn goal_progress(
    entries: &[std::sync::Arc<Entry>],
    rendered: &[Arc<markdown::Rendered>],
    visible: &[usize],
    visible_flags: &[bool],
    goal_index: &HashMap<&str, usize>,
) -> HashMap<usize, (Option<u8>, Option<&'static str>)> {
    let mut children: HashMap<usize, Vec<usize>> = HashMap::default();
    for &i in visible {
        if let KindMeta::Goal {
            parent: Some(p), ..
        } = &entries[i].meta
            && let Some(&pi) = goal_index.get(p.as_str())
            && visible_flags[pi]
        {
            children.entry(pi).or_default().push(i);
        }
    }
    fn compute(
        i: usize,
        entries: &[std::sync::Arc<Entry>],
        rendered: &[Arc<markdown::Rendered>],
        children: &HashMap<usize, Vec<usize>>,
        memo: &mut HashMap<usize, (Option<u8>, Option<&'static str>)>,
        depth: usize,
    ) -> (Option<u8>, Option<&'static str>) {
        if let Some(v) = memo.get(&i) {
            return *v;
        }
        let KindMeta::Goal {
            progress, status, ..
        } = &entries[i].meta
        else {
            return (None, None);
        };
        let r = &rendered[i];
        let v = if let Some(p) = progress {
            (Some(*p), Some("set"))
        } else if *status == GoalStatus::Achieved {
            (Some(100), Some("achieved"))
        } else if let Some(pct) = (r.tasks_done * 100).checked_div(r.tasks_total) {
            (Some(pct as u8), Some("checklist"))
        } else if depth < 64 {
            let kids: Vec<u8> = children
                .get(&i)
                .into_iter()
                .flatten()
                .filter(|&&k| {
                    !matches!(
                        entries[k].meta,
                        KindMeta::Goal {
                            status: GoalStatus::Dropped,
                            ..
                        }
                    )
                })
                .filter_map(|&k| compute(k, entries, rendered, children, memo, depth + 1).0)
                .collect();
            if kids.is_empty() {
                (None, None)
            } else {
                let sum: usize = kids.iter().map(|&k| usize::from(k)).sum();
                (Some((sum / kids.len()) as u8), Some("sub-goals"))
            }
        } else {
            (None, None)
        };
        memo.insert(i, v);
        v
    }
    let mut memo = HashMap::default();
    for &i in visible {
        if entries[i].kind == Kind::Goal {
            compute(i, entries, rendered, &children, &mut memo, 0);
        }
    }
    memo
}

/// What `serve` keeps of the site model between rebuilds, so that a save
/// costs about one entry's work:
/// - each entry's rendered Markdown, rendered again only when its text or
///   the set of entries its `@/` links could name has changed;
/// - each entry's view, built again only when the entry or its Markdown
///   changed, or when something other views show of it may have (any
///   front matter, a goal's checklist, the files beside entries).
#[derive(Default)]
pub struct ModelCache(std::sync::Mutex<CachedModel>);

#[derive(Default)]
struct CachedModel {
    /// What the cached Markdown was rendered against (see `links_key`).
    links_key: u64,
    /// Per entry path: the text it was rendered from, and the result.
    markdown: HashMap<String, (Arc<str>, Arc<markdown::Rendered>)>,
    /// What the cached views were built against (see `structure_key`).
    structure_key: u64,
    /// Per entry path: the entry and Markdown a view was built from.
    views: HashMap<String, CachedView>,
    /// What the last assembly did not take from the cache.
    markdown_rendered: usize,
    views_built: usize,
}

impl ModelCache {
    /// How many Markdown bodies and entry views the last assembly had to
    /// make (the rest came from the cache).
    pub fn last_made(&self) -> (usize, usize) {
        let m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        (m.markdown_rendered, m.views_built)
    }
}

/// A view, with the entry and Markdown it was built from.
type CachedView = (Arc<Entry>, Arc<markdown::Rendered>, Arc<EntryView>);

impl std::fmt::Debug for ModelCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ModelCache")
    }
}

fn hash_of(v: impl std::hash::Hash) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(v)
}

/// Assembles the site from resolved entries. Returns the site and every
/// reference problem found (errors and warnings).
pub fn assemble(
    config: Config,
    entries: Vec<std::sync::Arc<Entry>>,
    assets: &[Asset],
    audience: Audience,
    today: Date,
) -> (Site, Vec<Diagnostic>) {
    assemble_with(config, entries, assets, audience, today, None)
}

/// [`assemble`], reusing rendered Markdown and views from `cache` where
/// they still hold.
pub fn assemble_with(
    config: Config,
    mut entries: Vec<std::sync::Arc<Entry>>,
    assets: &[Asset],
    audience: Audience,
    today: Date,
    cache: Option<&ModelCache>,
) -> (Site, Vec<Diagnostic>) {
    let mut watch = crate::clock::Stopwatch::new();
    let mut diags = Vec::new();
    // A stable order: by kind, then date, then slug.
    entries.sort_by(|a, b| {
        (a.kind, a.date, &a.slug, &a.origin.path).cmp(&(b.kind, b.date, &b.slug, &b.origin.path))
    });

    // Duplicates within a kind.
    let mut by_key: HashMap<(Kind, &str), usize> = HashMap::default();
    let mut duplicate = vec![false; entries.len()];
    for (i, e) in entries.iter().enumerate() {
        if e.kind == Kind::Home {
            continue;
        }
        if let Some(&first) = by_key.get(&(e.kind, e.slug.as_str())) {
            duplicate[i] = true;
            diags.push(
                point(
                    e,
                    "slug",
                    &e.slug,
                    Diagnostic::error(
                        "duplicate-slug",
                        format!("two {} entries have the slug `{}`", e.kind.name(), e.slug),
                    ),
                )
                .with_help(format!(
                    "{} has it too: rename one file or set `slug:` in its front matter",
                    entries[first].origin.path
                )),
            );
        } else {
            by_key.insert((e.kind, e.slug.as_str()), i);
        }
        if let Some(why) = reserved_slug(e.kind, &e.slug) {
            diags.push(
                point(e, "slug", &e.slug, Diagnostic::error("reserved-slug", why))
                    .with_help("rename the file or set another `slug:`"),
            );
        }
    }
    let visible_flags: Vec<bool> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| audience.sees(e) && !duplicate[i])
        .collect();
    let mut left_out = LeftOut::default();
    for (e, &v) in entries.iter().zip(&visible_flags) {
        if !v && e.kind != Kind::Home {
            if e.private && !audience.private {
                left_out.private += 1;
            } else if e.draft && !audience.drafts {
                left_out.drafts += 1;
            }
        }
    }

    // `@/` paths are relative to content/; an entry in private/ answers only
    // where content/ has no file of that name.
    let mut by_link: HashMap<&str, usize> = HashMap::default();
    for (i, e) in entries.iter().enumerate() {
        let slot = by_link.entry(e.origin.link_path.as_str()).or_insert(i);
        if entries[*slot].origin.in_private_dir && !e.origin.in_private_dir {
            *slot = i;
        }
    }
    let goal_index: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == Kind::Goal)
        .map(|(i, e)| (e.slug.as_str(), i))
        .collect();
    let goal_slugs: Vec<&str> = {
        let mut v: Vec<&str> = goal_index.keys().copied().collect();
        v.sort_unstable();
        v
    };
    let base = &config.base_url;
    watch.lap("  site: sort, duplicates, indices");
    // Every entry's link, made once.
    let urls: Vec<String> = entries
        .iter()
        .map(|e| base.url(&entry_path(e.kind, &e.slug)))
        .collect();
    let url_of = |i: usize| urls[i].clone();

    // What every `@/` link could resolve to; cached Markdown holds while
    // this stays the same.
    let links_key = cache.map(|_| {
        hash_of(
            entries
                .iter()
                .enumerate()
                .map(|(i, e)| (&e.origin.link_path, visible_flags[i], &urls[i]))
                .collect::<Vec<_>>(),
        )
    });
    watch.lap("  site: links key");
    let mut model = cache.map(|c| c.0.lock().unwrap_or_else(|e| e.into_inner()));
    if let (Some(m), Some(l)) = (model.as_deref_mut(), links_key)
        && m.links_key != l
    {
        m.markdown.clear();
        m.links_key = l;
    }
    // Markdown, in parallel; `@/` links resolve against every entry. An
    // entry's text is the same when it is the same shared allocation: the
    // cache holds on to it, so the address cannot be reused meanwhile.
    let made = std::sync::atomic::AtomicUsize::new(0);
    let rendered: Vec<Arc<markdown::Rendered>> = {
        let cached = model.as_deref().map(|m| &m.markdown);
        entries
            .par_iter()
            .with_max_len(crate::PAR_CHUNK)
            .map(|e| {
                if let Some((text, r)) = cached.and_then(|c| c.get(&e.origin.path))
                    && Arc::ptr_eq(text, &e.origin.text)
                {
                    return r.clone();
                }
                let resolve = |p: &str| -> LinkTarget {
                    match by_link.get(p) {
                        Some(&t) if visible_flags[t] => LinkTarget::Url(url_of(t)),
                        Some(_) => LinkTarget::Hidden,
                        None => LinkTarget::Missing,
                    }
                };
                made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Arc::new(markdown::render(e.body(), &resolve))
            })
            .collect()
    };
    watch.lap("  site: markdown");
    if let Some(m) = model.as_deref_mut() {
        for (e, r) in entries.iter().zip(&rendered) {
            let fresh = m
                .markdown
                .get(&e.origin.path)
                .is_some_and(|(_, c)| Arc::ptr_eq(c, r));
            if !fresh {
                m.markdown
                    .insert(e.origin.path.clone(), (e.origin.text.clone(), r.clone()));
            }
        }
        if m.markdown.len() > entries.len() {
            let present: rustc_hash::FxHashSet<&str> =
                entries.iter().map(|e| e.origin.path.as_str()).collect();
            m.markdown.retain(|p, _| present.contains(p.as_str()));
        }
    }
    watch.lap("  site: markdown cache");
    for (i, (e, r)) in entries.iter().zip(&rendered).enumerate() {
        for issue in &r.link_issues {
            let (line, col) = line_col(&e.origin.text, e.origin.body_offset + issue.offset);
            if issue.hidden {
                if visible_flags[i] {
                    diags.push(
                        Diagnostic::warning(
                            "link-to-hidden",
                            format!(
                                "`@/{}` is private or a draft: the link is shown as plain text",
                                issue.target
                            ),
                        )
                        .at(&e.origin.path, &e.origin.text, line, col)
                        .with_help("readers see only the link's text: make the target public, or drop the link"),
                    );
                }
            } else {
                let mut d = Diagnostic::error(
                    "broken-link",
                    format!("`@/{}` names no entry", issue.target),
                )
                .at(&e.origin.path, &e.origin.text, line, col);
                d.help = Some(match nearest(&issue.target, by_link.keys().copied()) {
                    Some(n) => format!("did you mean `@/{n}`?"),
                    None => "`@/` paths are relative to content/, e.g. `@/goals/staff-engineer.md`"
                        .to_string(),
                });
                diags.push(d);
            }
        }
    }

    // Files beside entries that their Markdown links to, copied next to
    // the page that shows the text; a sealed page's would be published in
    // the clear, so they are an error.
    let asset_index: AssetIndex = assets
        .iter()
        .map(|a| ((a.link_path.as_str(), a.in_private_dir), a))
        .collect();
    let mut copied = Vec::new();
    for (i, (e, r)) in entries.iter().zip(&rendered).enumerate() {
        if !visible_flags[i] || r.local_files.is_empty() {
            continue;
        }
        let sealed = matches!(e.meta, KindMeta::Share { sealed: true, .. });
        let dir = text_dir(e);
        for f in &r.local_files {
            match local_asset(&asset_index, e, f) {
                Some(_) if sealed => diags.push(
                    point(
                        e,
                        "sealed",
                        "true",
                        Diagnostic::error(
                            "sealed-attachment",
                            format!(
                                "`{f}` beside a sealed share page would be published unencrypted"
                            ),
                        ),
                    )
                    .with_help(
                        "put what it shows into the page's text, or publish the page unsealed",
                    ),
                ),
                Some(a) => copied.push(CopiedAsset {
                    from: a.abs.clone(),
                    to: format!("{dir}{}", percent_decode(f)),
                }),
                None => diags.push(
                    Diagnostic::warning(
                        "missing-file",
                        format!("`{f}` is linked but there is no such file beside this entry"),
                    )
                    .at_path(&e.origin.path)
                    .with_help("put the file next to the entry's Markdown file, or fix the link"),
                ),
            }
        }
    }

    // References: goals named by achievements and shares, goal parents.
    let unknown_goal = |e: &Entry, key: &str, slug: &str| {
        let mut d = point(
            e,
            key,
            slug,
            Diagnostic::error("unknown-goal", format!("`{slug}` names no goal")),
        );
        d.help = Some(match nearest(slug, goal_slugs.iter().copied()) {
            Some(n) => format!("did you mean `{n}`?"),
            None if goal_slugs.is_empty() => {
                "there are no goals yet: add one in content/goals/".to_string()
            }
            None => format!("goals are: {}", goal_slugs.join(", ")),
        });
        d
    };
    // A public entry that names a private or draft goal shows no trace of
    // it, and says so here.
    let hidden_goal = |e: &Entry, key: &str, g: &str, effect: &str| {
        point(
            e,
            key,
            g,
            Diagnostic::warning(
                "goal-hidden",
                format!("the goal `{g}` is private or a draft: {effect}"),
            ),
        )
        .with_help(format!(
            "the public page leaves the goal out: make the goal public, or remove it from `{key}:`"
        ))
    };
    for (i, e) in entries.iter().enumerate() {
        match &e.meta {
            KindMeta::Achievement { goals, .. } => {
                for g in goals {
                    match goal_index.get(g.as_str()) {
                        None => diags.push(unknown_goal(e, "goals", g)),
                        Some(&gi) if visible_flags[i] && !visible_flags[gi] => diags.push(
                            hidden_goal(e, "goals", g, "this achievement will not name it"),
                        ),
                        _ => {}
                    }
                }
            }
            KindMeta::Goal {
                parent: Some(p), ..
            } => match goal_index.get(p.as_str()) {
                None => {
                    let mut d = unknown_goal(e, "parent", p);
                    d.code = "unknown-parent";
                    diags.push(d);
                }
                Some(&pi) if visible_flags[i] && !visible_flags[pi] => diags.push(hidden_goal(
                    e,
                    "parent",
                    p,
                    "this goal is shown without it, as a goal of its own",
                )),
                _ => {}
            },
            KindMeta::Share { include, .. } => {
                for g in &include.goals {
                    match goal_index.get(g.as_str()) {
                        None => diags.push(unknown_goal(e, "include", g)),
                        Some(&gi) if visible_flags[i] && !visible_flags[gi] => diags.push(
                            hidden_goal(e, "include", g, "this page selects nothing by it"),
                        ),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    // Cycles in the goal tree, each reported once.
    let mut reported: BTreeSet<Vec<&str>> = BTreeSet::new();
    for &slug in &goal_slugs {
        let start = goal_index[slug];
        let mut chain = vec![slug];
        let mut cur = start;
        while let KindMeta::Goal {
            parent: Some(p), ..
        } = &entries[cur].meta
        {
            let Some(&next) = goal_index.get(p.as_str()) else {
                break;
            };
            if next == start {
                let mut cycle = chain.clone();
                cycle.sort_unstable();
                if reported.insert(cycle) {
                    let mut shown = chain.clone();
                    shown.push(slug);
                    diags.push(
                        point(
                            &entries[start],
                            "parent",
                            p,
                            Diagnostic::error(
                                "goal-cycle",
                                format!("the goal tree has a cycle: {}", shown.join(" → ")),
                            ),
                        )
                        .with_help("a goal's `parent` must be a longer-term goal that does not lead back to it"),
                    );
                }
                break;
            }
            if chain.contains(&entries[next].slug.as_str()) || chain.len() > goal_index.len() {
                break;
            }
            chain.push(&entries[next].slug);
            cur = next;
        }
    }

    // ---- Below here only visible entries matter. ----
    let visible: Vec<usize> = (0..entries.len()).filter(|&i| visible_flags[i]).collect();
    let progress = goal_progress(&entries, &rendered, &visible, &visible_flags, &goal_index);
    watch.lap("  site: references, progress");
    let vis_goal = |slug: &str| goal_index.get(slug).copied().filter(|&g| visible_flags[g]);

    let mut tag_map: HashMap<String, TermPage> = HashMap::default();
    let mut skill_map: HashMap<String, TermPage> = HashMap::default();
    let mut new_index = vec![usize::MAX; entries.len()];
    for (n, &i) in visible.iter().enumerate() {
        new_index[i] = n;
    }
    // Slugs by name: a journal uses few tags many times over.
    let mut slugs: HashMap<&str, String> = HashMap::default();
    let add = |slugs: &mut HashMap<&str, String>,
               map: &mut HashMap<String, TermPage>,
               prefix: &str,
               name: &str,
               n: usize| {
        let slug: &String = match slugs.get(name) {
            Some(s) => s,
            None => return,
        };
        if slug.is_empty() {
            return;
        }
        if !map.contains_key(slug.as_str()) {
            let term = Term {
                name: name.to_string(),
                url: base.url(&format!("{prefix}/{slug}/")),
                slug: slug.clone(),
                count: 0,
            };
            map.insert(
                slug.clone(),
                TermPage {
                    term,
                    entries: Vec::new(),
                    first: None,
                    latest: None,
                },
            );
        }
        let Some(page) = map.get_mut(slug.as_str()) else {
            return;
        };
        // Entries come in order, so a repeat can only be the last one.
        if page.entries.last() != Some(&n) {
            page.entries.push(n);
        }
    };
    for &i in &visible {
        let e = &entries[i];
        let skills = match &e.meta {
            KindMeta::Achievement { skills, .. } => skills.as_slice(),
            _ => &[],
        };
        for name in e.tags.iter().chain(skills) {
            if !slugs.contains_key(name.as_str()) {
                slugs.insert(name, markdown::term_slug(name));
            }
        }
    }
    for &i in &visible {
        let e = &entries[i];
        if e.kind == Kind::Share || e.kind == Kind::Home {
            continue;
        }
        for t in &e.tags {
            add(&mut slugs, &mut tag_map, "tags", t, new_index[i]);
        }
        if let KindMeta::Achievement { skills, .. } = &e.meta {
            for s in skills {
                add(&mut slugs, &mut skill_map, "skills", s, new_index[i]);
            }
        }
    }

    let make_goal_ref = |g: usize| {
        let e = &entries[g];
        let status = match &e.meta {
            KindMeta::Goal { status, .. } => Some(*status),
            _ => None,
        };
        Ref {
            title: e.title.clone(),
            slug: e.slug.clone(),
            url: url_of(g),
            date: None,
            date_human: None,
            impact: None,
            progress: progress.get(&g).and_then(|p| p.0),
            status,
            private: e.private,
        }
    };
    // One reference per goal, shared by every view that links to it.
    let goal_refs: HashMap<usize, Shared<Ref>> = visible
        .iter()
        .filter(|&&g| entries[g].kind == Kind::Goal)
        .map(|&g| (g, Shared::new(make_goal_ref(g))))
        .collect();
    let goal_ref = |g: usize| match goal_refs.get(&g) {
        Some(r) => r.clone(),
        None => Shared::new(make_goal_ref(g)),
    };
    let achievement_ref = |a: usize| {
        let e = &entries[a];
        let impact = match &e.meta {
            KindMeta::Achievement { impact, .. } => impact.clone(),
            _ => None,
        };
        Shared::new(Ref {
            title: e.title.clone(),
            slug: e.slug.clone(),
            url: url_of(a),
            date: e.date.map(|d| d.date.to_string()),
            date_human: e.date.map(|d| human_date(d.date)),
            impact,
            progress: None,
            status: None,
            private: e.private,
        })
    };
    // Evidence and children, visible only, newest evidence first.
    let mut evidence: HashMap<usize, Vec<usize>> = HashMap::default();
    let mut children: HashMap<usize, Vec<usize>> = HashMap::default();
    for &i in &visible {
        match &entries[i].meta {
            KindMeta::Achievement { goals, .. } => {
                for g in goals {
                    if let Some(gi) = vis_goal(g) {
                        let list = evidence.entry(gi).or_default();
                        // `visible` is in order: a repeat is the last one.
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
            }
            KindMeta::Goal {
                parent: Some(p), ..
            } => {
                if let Some(pi) = vis_goal(p) {
                    children.entry(pi).or_default().push(i);
                }
            }
            _ => {}
        }
    }
    for list in evidence.values_mut() {
        list.sort_by(|a, b| entries[*b].date.cmp(&entries[*a].date).then(a.cmp(b)));
    }
    watch.lap("  site: terms, evidence");

    // Counts are known now, and views carry them.
    for p in tag_map.values_mut().chain(skill_map.values_mut()) {
        p.term.count = p.entries.len();
    }
    // Each term once, shared by the views that carry it.
    let shared_terms = |map: &HashMap<String, TermPage>| -> HashMap<String, Shared<Term>> {
        map.iter()
            .map(|(slug, p)| (slug.clone(), Shared::new(p.term.clone())))
            .collect()
    };
    let (tag_terms, skill_terms) = (shared_terms(&tag_map), shared_terms(&skill_map));

    // Everything one entry's view shows of other entries comes from their
    // front matter and paths, goals' checklists (progress) and the files
    // beside entries: while all of that stays the same, a view built from
    // the same entry and Markdown is still right.
    let structure_key = cache.map(|_| {
        hash_of((
            links_key,
            base.absolute(""),
            assets
                .iter()
                .map(|a| (&a.path, a.in_private_dir))
                .collect::<Vec<_>>(),
            entries
                .iter()
                .zip(&rendered)
                .map(|(e, r)| {
                    (
                        &e.origin.path,
                        &e.origin.text[..e.origin.body_offset],
                        (e.kind == Kind::Goal).then_some((r.tasks_done, r.tasks_total)),
                    )
                })
                .collect::<Vec<_>>(),
        ))
    });
    let reusable = model
        .as_deref()
        .filter(|m| Some(m.structure_key) == structure_key)
        .map(|m| &m.views);

    // Views are independent of each other: build them in parallel.
    let built = std::sync::atomic::AtomicUsize::new(0);
    let views: Vec<Arc<EntryView>> = visible
        .par_iter()
        .with_max_len(crate::PAR_CHUNK)
        .map(|&i| {
            let e = &entries[i];
            let r = &rendered[i];
            if let Some((pe, pr, pv)) = reusable.and_then(|v| v.get(&e.origin.path))
                && Arc::ptr_eq(pe, e)
                && Arc::ptr_eq(pr, r)
            {
                return pv.clone();
            }
            let rel = entry_path(e.kind, &e.slug);
            let date = e.date.map(|d| d.date);
            let summary = e
                .summary
                .clone()
                .unwrap_or_else(|| markdown::truncate_words(&r.summary_text, 300));
            let mut tags: Vec<Shared<Term>> = Vec::new();
            for t in &e.tags {
                if let Some(p) = slugs.get(t.as_str()).and_then(|s| tag_terms.get(s))
                    && !tags.iter().any(|x| x.slug == p.slug)
                {
                    tags.push(p.clone());
                }
            }
            let mut v = EntryFields {
                kind: e.kind,
                slug: e.slug.clone(),
                title: e.title.clone(),
                url: urls[i].clone(),
                permalink: base.absolute(&rel),
                date: date.map(|d| d.to_string()),
                date_human: date.map(human_date),
                year: date.map(|d| d.year()),
                iso_year: date.map(|d| d.iso_week_date().year()),
                iso_week: date.map(|d| d.iso_week_date().week()),
                summary,
                tags,
                featured: e.featured,
                private: e.private,
                draft: e.draft,
                content: r.html.clone(),
                extra: e.extra.clone(),
                impact: None,
                metrics: Vec::new(),
                skills: Vec::new(),
                goals: Vec::new(),
                with: Vec::new(),
                links: Vec::new(),
                horizon: None,
                horizon_label: None,
                due: None,
                due_human: None,
                status: None,
                measure: None,
                why: None,
                parent: None,
                children: Vec::new(),
                evidence: Vec::new(),
                progress: None,
                progress_source: None,
                tasks_done: r.tasks_done,
                tasks_total: r.tasks_total,
                achieved_on: None,
                period: None,
                wellbeing: None,
                mood: None,
                end: None,
                end_human: None,
                role: None,
                org: None,
                milestone_type: None,
                is_role: false,
                for_whom: None,
                from: None,
                to: None,
                ask: None,
                sealed: false,
                share: None,
            };
            match &e.meta {
                KindMeta::Achievement {
                    impact,
                    metrics,
                    skills,
                    goals,
                    with,
                    links,
                } => {
                    v.impact = impact.clone();
                    v.metrics = metrics.clone();
                    v.skills = skills
                        .iter()
                        .filter_map(|s| {
                            slugs
                                .get(s.as_str())
                                .and_then(|slug| skill_terms.get(slug))
                                .cloned()
                        })
                        .collect();
                    v.goals = goals
                        .iter()
                        .filter_map(|g| vis_goal(g))
                        .map(goal_ref)
                        .collect();
                    v.with = with.clone();
                    v.links = links.clone();
                }
                KindMeta::Goal {
                    horizon,
                    due,
                    status,
                    measure,
                    why,
                    parent,
                    progress: _,
                    achieved_on,
                } => {
                    v.horizon = horizon.map(|h| h.code());
                    v.horizon_label = horizon.map(|h| h.label());
                    v.due = due.map(|d| d.to_string());
                    v.due_human = due.map(human_date);
                    v.status = Some(*status);
                    v.measure = measure.clone();
                    v.why = why.clone();
                    v.parent = parent.as_deref().and_then(vis_goal).map(goal_ref);
                    v.children = children
                        .get(&i)
                        .into_iter()
                        .flatten()
                        .map(|&c| goal_ref(c))
                        .collect();
                    v.evidence = evidence
                        .get(&i)
                        .into_iter()
                        .flatten()
                        .map(|&a| achievement_ref(a))
                        .collect();
                    let (p, src) = progress.get(&i).copied().unwrap_or((None, None));
                    v.progress = p;
                    v.progress_source = src;
                    v.achieved_on = achieved_on.map(|d| d.to_string());
                }
                KindMeta::Reflection {
                    period,
                    wellbeing,
                    mood,
                } => {
                    v.period = period.clone();
                    v.wellbeing = *wellbeing;
                    v.mood = mood.clone();
                }
                KindMeta::Milestone {
                    end,
                    role,
                    org,
                    milestone_type,
                    is_role,
                    blank: _,
                } => {
                    v.end = end.map(|d| d.to_string());
                    v.end_human = end.map(human_date);
                    v.role = role.clone();
                    v.org = org.clone();
                    v.milestone_type = *milestone_type;
                    v.is_role = *is_role;
                }
                KindMeta::Share {
                    for_whom,
                    from,
                    to,
                    ask,
                    sealed,
                    include,
                    key_salt,
                } => {
                    v.share = Some(ShareSpec {
                        include: include.clone(),
                        from: *from,
                        to: *to,
                        sealed: *sealed,
                        key_salt: key_salt.clone(),
                        path: e.origin.path.clone(),
                    });
                    v.for_whom = for_whom.clone();
                    v.from = from.map(|d| d.to_string());
                    v.to = to.map(|d| d.to_string());
                    v.ask = ask.clone();
                    v.sealed = *sealed;
                }
                KindMeta::Page => {}
            }
            built.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Arc::new(EntryView::new(v))
        })
        .collect();
    if let Some(m) = model.as_deref_mut() {
        m.markdown_rendered = made.into_inner();
        m.views_built = built.into_inner();
    }
    if let (Some(m), Some(key)) = (model.as_deref_mut(), structure_key) {
        if m.structure_key != key {
            m.views.clear();
            m.structure_key = key;
        }
        for (&i, v) in visible.iter().zip(&views) {
            let path = &entries[i].origin.path;
            let fresh = m.views.get(path).is_some_and(|(_, _, c)| Arc::ptr_eq(c, v));
            if !fresh {
                m.views.insert(
                    path.clone(),
                    (entries[i].clone(), rendered[i].clone(), v.clone()),
                );
            }
        }
        if m.views.len() > visible.len() {
            let present: rustc_hash::FxHashSet<&str> = visible
                .iter()
                .map(|&i| entries[i].origin.path.as_str())
                .collect();
            m.views.retain(|p, _| present.contains(p.as_str()));
        }
    }
    drop(model);
    let dates: Vec<Option<Date>> = visible
        .iter()
        .map(|&i| entries[i].date.map(|d| d.date))
        .collect();
    let instants: Vec<Option<String>> = visible
        .iter()
        .map(|&i| entries[i].date.map(|d| d.rfc3339()))
        .collect();
    watch.lap("  site: views");

    let mut achievements = Vec::new();
    let mut goals = Vec::new();
    let mut reflections = Vec::new();
    let mut milestones = Vec::new();
    let mut shares = Vec::new();
    let mut pages = Vec::new();
    let mut home = None;
    for (n, v) in views.iter().enumerate() {
        match v.kind {
            Kind::Achievement => achievements.push(n),
            Kind::Goal => goals.push(n),
            Kind::Reflection => reflections.push(n),
            Kind::Milestone => milestones.push(n),
            Kind::Share => shares.push(n),
            Kind::Page => pages.push(n),
            Kind::Home => home = Some(n),
        }
    }
    // Newest first for the log and reflections; the journey reads oldest first.
    let newest_first = |list: &mut Vec<usize>| {
        list.sort_by(|a, b| (dates[*b], &views[*b].slug).cmp(&(dates[*a], &views[*a].slug)))
    };
    newest_first(&mut achievements);
    newest_first(&mut reflections);

    // Term pages in the order of their slugs.
    let finish = |map: HashMap<String, TermPage>| -> Vec<TermPage> {
        let mut pages: Vec<(String, TermPage)> = map.into_iter().collect();
        pages.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        pages
            .into_iter()
            .map(|(_, mut p)| {
                p.entries.sort_by(|a, b| {
                    (dates[*b], &views[*b].slug).cmp(&(dates[*a], &views[*a].slug))
                });
                let dated: Vec<Date> = p.entries.iter().filter_map(|&n| dates[n]).collect();
                p.first = dated.iter().min().map(|d| d.to_string());
                p.latest = dated.iter().max().map(|d| d.to_string());
                p
            })
            .collect()
    };
    let tags = finish(tag_map);
    let skills = finish(skill_map);
    copied.sort_by(|a, b| a.to.cmp(&b.to));
    copied.dedup_by(|a, b| a.to == b.to);
    watch.lap("  site: lists");

    let site = Site {
        config,
        today,
        audience,
        entries: views,
        dates,
        instants,
        achievements,
        goals,
        reflections,
        milestones,
        shares,
        pages,
        home,
        tags,
        skills,
        assets: copied,
        left_out,
    };
    (site, diags)
}

impl Site {
    pub fn view(&self, n: usize) -> &EntryView {
        &self.entries[n]
    }

    /// A share page's period: `from`..`to`, by default the year up to
    /// `to` (or today).
    pub fn share_period(&self, n: usize) -> (Date, Date) {
        let spec = self.entries[n].share.as_ref();
        let to = spec.and_then(|s| s.to).unwrap_or(self.today);
        let from = spec
            .and_then(|s| s.from)
            .unwrap_or_else(|| to.saturating_sub(jiff::Span::new().years(1)));
        (from, to)
    }

    /// The goals a share page reports on: those its achievements serve and
    /// those it names in `include.goals`, in site order.
    pub fn share_goals(&self, n: usize, selection: &[usize]) -> Vec<usize> {
        let named: Vec<&str> = self.entries[n]
            .share
            .as_ref()
            .map(|s| s.include.goals.iter().map(String::as_str).collect())
            .unwrap_or_default();
        self.goals
            .iter()
            .copied()
            .filter(|&g| {
                let slug = self.entries[g].slug.as_str();
                named.contains(&slug)
                    || selection
                        .iter()
                        .any(|&a| self.entries[a].goals.iter().any(|r| r.slug == slug))
            })
            .collect()
    }

    /// The achievements a share page gathers: in its period, filtered by its
    /// `include` (tags, skills, goals: any of them; featured: only those).
    pub fn share_selection_view(&self, n: usize) -> Vec<usize> {
        let Some(spec) = self.entries[n].share.as_ref() else {
            return Vec::new();
        };
        let include = &spec.include;
        let (from, to) = self.share_period(n);
        self.achievements
            .iter()
            .copied()
            .filter(|&a| self.dates[a].is_some_and(|d| d >= from && d <= to))
            .filter(|&a| {
                let v = &self.entries[a];
                let tag_ok = include.tags.is_empty()
                    || v.tags.iter().any(|t| {
                        include
                            .tags
                            .iter()
                            .any(|w| markdown::term_slug(w) == t.slug)
                    });
                let skill_ok = include.skills.is_empty()
                    || v.skills.iter().any(|s| {
                        include
                            .skills
                            .iter()
                            .any(|w| markdown::term_slug(w) == s.slug)
                    });
                let goal_ok = include.goals.is_empty()
                    || v.goals.iter().any(|g| include.goals.contains(&g.slug));
                let featured_ok = include.featured != Some(true) || v.featured;
                tag_ok && skill_ok && goal_ok && featured_ok
            })
            .collect()
    }
}
