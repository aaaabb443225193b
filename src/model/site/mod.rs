//! The site model: entries joined into collections, the goal tree, evidence
//! links and taxonomies. `Site::assemble` is the one place where private
//! entries and drafts are left out: everything after it sees only what the
//! audience may see.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::model::config::Config;
use crate::model::entry::{Entry, GoalStatus, Link, Metric, Wellbeing};
use crate::model::frontmatter::key_position;
use crate::model::kind::Kind;
use crate::model::markdown::{self};
use crate::model::source::Asset;

mod assets;
mod bodies;
pub(crate) mod documents;
mod identity;
pub(crate) mod ladder;
mod links;
mod lists;
mod privacy;
mod references;
mod terms;
#[cfg(test)]
mod testing;
mod tree;
mod views;

pub(crate) use ladder::LadderSite;
pub use privacy::Audience;
pub(crate) use privacy::{counts_as_evidence, searchable};

/// A tag or skill with its page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Term {
    pub(crate) name: String,
    pub(crate) slug: String,
    pub(crate) url: String,
    pub(crate) count: usize,
}

/// A link to another entry, with what lists show of it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Ref {
    pub(crate) title: String,
    pub(crate) slug: String,
    pub(crate) url: String,
    pub(crate) date: Option<String>,
    /// `date` as "20 Nov 2026".
    pub(crate) date_human: Option<String>,
    pub(crate) impact: Option<String>,
    pub(crate) progress: Option<u8>,
    pub(crate) status: Option<GoalStatus>,
    pub(crate) private: bool,
}

/// A value many views show — a tag, a skill, a link to a goal — made once
/// and shared: every view that holds it serialises to the one template
/// value instead of a copy of its own (a popular tag is on thousands of
/// entries).
#[derive(Debug)]
pub(crate) struct Shared<T>(Arc<(T, std::sync::OnceLock<tera::Value>)>);

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
pub(crate) struct EntryView {
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
pub(crate) struct EntryFields {
    pub(crate) kind: Kind,
    pub(crate) slug: String,
    pub(crate) title: String,
    /// Site-relative link, with the base_url path (`/career/goals/x/`).
    pub(crate) url: String,
    /// Absolute URL.
    pub(crate) permalink: String,
    pub(crate) date: Option<String>,
    pub(crate) date_human: Option<String>,
    pub(crate) year: Option<i16>,
    pub(crate) iso_year: Option<i16>,
    pub(crate) iso_week: Option<i8>,
    /// Plain text: `summary:` or the first paragraph.
    pub(crate) summary: String,
    pub(crate) tags: Vec<Shared<Term>>,
    pub(crate) featured: bool,
    pub(crate) private: bool,
    pub(crate) draft: bool,
    /// The rendered Markdown, held as the template value itself: the view
    /// shares it with the Markdown renderer's result instead of copying it
    /// (an entry's text is most of its view).
    pub(crate) content: tera::Value,
    pub(crate) extra: serde_json::Value,
    // achievement
    pub(crate) impact: Option<String>,
    /// The situation and the task: a story's first line.
    pub(crate) context: Option<String>,
    pub(crate) metrics: Vec<Metric>,
    pub(crate) skills: Vec<Shared<Term>>,
    pub(crate) goals: Vec<Shared<Ref>>,
    pub(crate) with: Vec<String>,
    pub(crate) links: Vec<Link>,
    // goal
    pub(crate) horizon: Option<&'static str>,
    pub(crate) horizon_label: Option<&'static str>,
    pub(crate) due: Option<String>,
    /// `due` as "18 Dec 2026".
    pub(crate) due_human: Option<String>,
    pub(crate) status: Option<GoalStatus>,
    pub(crate) measure: Option<String>,
    pub(crate) why: Option<String>,
    pub(crate) parent: Option<Shared<Ref>>,
    pub(crate) children: Vec<Shared<Ref>>,
    pub(crate) evidence: Vec<Shared<Ref>>,
    pub(crate) progress: Option<u8>,
    /// Where the progress comes from: `set`, `checklist`, `sub-goals`, `achieved`.
    pub(crate) progress_source: Option<&'static str>,
    pub(crate) tasks_done: usize,
    pub(crate) tasks_total: usize,
    pub(crate) achieved_on: Option<String>,
    // reflection
    pub(crate) period: Option<String>,
    pub(crate) wellbeing: Option<Wellbeing>,
    pub(crate) mood: Option<String>,
    // milestone
    pub(crate) end: Option<String>,
    /// `end` as "13 Jul 2012".
    pub(crate) end_human: Option<String>,
    pub(crate) role: Option<String>,
    pub(crate) org: Option<String>,
    #[serde(rename = "type")]
    pub(crate) milestone_type: Option<crate::model::entry::MilestoneType>,
    /// See [`crate::model::entry::is_role`]: templates ask this, not `type`.
    pub(crate) is_role: bool,
    // share
    #[serde(rename = "for")]
    pub(crate) for_whom: Option<String>,
    pub(crate) from: Option<String>,
    pub(crate) to: Option<String>,
    pub(crate) ask: Option<String>,
    pub(crate) sealed: bool,
    /// The document a share page is, and a packet's target level id.
    pub(crate) layout: Option<crate::model::entry::Layout>,
    pub(crate) target: Option<String>,
    /// A share page's filters and period, for `Site::share_*`.
    #[serde(skip)]
    pub(crate) share: Option<ShareSpec>,
    /// An achievement's `evidence:`, the ladder's competency ids; pages
    /// show the competencies through `Site::ladder`, which decides what
    /// counts.
    #[serde(skip)]
    pub(crate) competency_ids: Vec<String>,
}

/// What a share page selects.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ShareSpec {
    pub(crate) include: crate::model::entry::ShareInclude,
    pub(crate) from: Option<Date>,
    pub(crate) to: Option<Date>,
    pub(crate) sealed: bool,
    pub(crate) key_salt: Option<String>,
    /// The source file, for errors about this page.
    pub(crate) path: String,
    pub(crate) layout: crate::model::entry::Layout,
    pub(crate) period: Option<crate::model::period::Period>,
    pub(crate) target: Option<String>,
    pub(crate) highlights: Option<u8>,
}

/// A term's page: a tag or skill and the entries that carry it.
#[derive(Debug, Clone)]
pub(crate) struct TermPage {
    pub(crate) term: Term,
    pub(crate) entries: Vec<usize>,
    pub(crate) first: Option<String>,
    pub(crate) latest: Option<String>,
}

/// What a build left out, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    pub(crate) drafts: usize,
    pub(crate) private: usize,
}

/// A file to copy next to an entry's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CopiedAsset {
    pub(crate) from: std::path::PathBuf,
    /// Site-relative output path.
    pub(crate) to: String,
}

/// The assembled site: only what the audience may see.
#[derive(Debug)]
pub struct Site {
    pub(crate) config: Config,
    pub(crate) today: Date,
    pub(crate) audience: Audience,
    pub(crate) entries: Vec<Arc<EntryView>>,
    /// Dated entries carry their date here too, for timelines and groupings.
    pub(crate) dates: Vec<Option<Date>>,
    /// The same, as RFC 3339 instants for feeds: the time when one was
    /// written (`2026-03-06T23:30:00-05:00`), else midnight UTC.
    pub(crate) instants: Vec<Option<String>>,
    pub(crate) achievements: Vec<usize>,
    pub(crate) goals: Vec<usize>,
    pub(crate) reflections: Vec<usize>,
    pub(crate) milestones: Vec<usize>,
    pub(crate) shares: Vec<usize>,
    pub(crate) pages: Vec<usize>,
    pub(crate) home: Option<usize>,
    pub(crate) tags: Vec<TermPage>,
    pub(crate) skills: Vec<TermPage>,
    pub(crate) assets: Vec<CopiedAsset>,
    /// The career ladder and each competency's evidence, when the site has one.
    pub(crate) ladder: Option<LadderSite>,
    /// The file (under `content/` or `private/`, `share/x.md`) of every
    /// share entry found, published or not: how a build that has the
    /// secret knows which artifacts in `sealed/` are this site's own.
    pub(crate) share_files: Vec<String>,
    /// The sealed pages to publish: those sealed from their sources here,
    /// and the artifacts in `sealed/` whose sources are not here. Empty
    /// until the pipeline seals them (`pipeline::seal_pages`), which needs
    /// the rendered pages.
    pub(crate) sealed: Vec<crate::seal::Artifact>,
    pub left_out: LeftOut,
}

// The URL layout is urls.rs's; re-exported for the model's own callers.
pub(crate) use crate::model::urls::{RESERVED, RESERVED_IN_SECTION, entry_path};

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
            // The page would be written to the section's own file.
            let file = entry_path(kind, slug);
            Some(format!(
                "the slug `{slug}` is taken: /{} is the section's own page",
                file.trim_end_matches('/')
            ))
        }
        _ => None,
    }
}

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

/// What `serve` keeps of the site model between rebuilds, so that a save
/// costs about one entry's work:
/// - each entry's rendered Markdown, rendered again only when its text or
///   the set of entries its `@/` links could name has changed;
/// - each entry's view, built again only when the entry or its Markdown
///   changed, or when something other views show of it may have (any
///   front matter, a goal's checklist, the files beside entries).
#[derive(Default)]
pub(crate) struct ModelCache(std::sync::Mutex<CachedModel>);

#[derive(Default)]
pub(super) struct CachedModel {
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
    pub(crate) fn last_made(&self) -> (usize, usize) {
        let m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        (m.markdown_rendered, m.views_built)
    }
}

/// A view, with the entry and Markdown it was built from.
pub(super) type CachedView = (Arc<Entry>, Arc<markdown::Rendered>, Arc<EntryView>);

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
    entries: Vec<Arc<Entry>>,
    assets: &[Asset],
    audience: Audience,
    today: Date,
) -> (Site, Vec<Diagnostic>) {
    assemble_with(config, entries, assets, audience, today, None)
}

/// [`assemble`], reusing rendered Markdown and views from `cache` where
/// they still hold. The passes, in order: identity (order, duplicate and
/// reserved slugs), privacy (who sees what: the one place it is decided),
/// links (what entries can name), bodies (Markdown and `@/` links), assets
/// (files beside entries), references (goals named, cycles), tree
/// (progress, evidence, sub-goals), terms (tags and skills), views, lists.
pub(crate) fn assemble_with(
    config: Config,
    mut entries: Vec<Arc<Entry>>,
    assets: &[Asset],
    audience: Audience,
    today: Date,
    cache: Option<&ModelCache>,
) -> (Site, Vec<Diagnostic>) {
    let mut watch = crate::clock::Stopwatch::new();
    let mut diags = Vec::new();
    identity::sort(&mut entries);
    let share_files = entries
        .iter()
        .filter(|e| e.kind == Kind::Share)
        .map(|e| e.origin.link_path.clone())
        .collect();
    let duplicate = identity::duplicates(&entries, &mut diags);
    let (visible, left_out) = privacy::visible(&entries, &duplicate, audience);
    let base = &config.base_url;
    let index = links::Index::new(&entries, base);
    watch.lap("  site: sort, duplicates, indices");
    let links_key = cache.map(|_| index.links_key(&entries, &visible));
    watch.lap("  site: links key");
    let mut model = cache.map(|c| c.0.lock().unwrap_or_else(|e| e.into_inner()));
    let rendered = bodies::render(&entries, &index, &visible, model.as_deref_mut(), links_key);
    watch.lap("  site: markdown");
    bodies::link_problems(&entries, &rendered, &index, &visible, &mut diags);
    let copied = assets::copied(&entries, &rendered, &visible, assets, &mut diags);
    references::check(&entries, &index, &visible, &mut diags);
    ladder::check(&entries, &config.ladder, &mut diags);
    documents::check(&entries, &config.ladder, today, &mut diags);

    // ---- Below here only visible entries matter. ----
    let visible_list: Vec<usize> = (0..entries.len()).filter(|&i| visible[i]).collect();
    let progress = tree::goal_progress(
        &entries,
        &rendered,
        &visible_list,
        &visible,
        &index.goal_index,
    );
    watch.lap("  site: references, progress");
    let terms = terms::collect(&entries, &visible_list, base);
    let tree_links = tree::links(&entries, &visible_list, &visible, &index);
    watch.lap("  site: terms, evidence");

    let structure_key =
        links_key.map(|l| views::structure_key(l, base, assets, &entries, &rendered));
    let reusable = model
        .as_deref()
        .filter(|m| Some(m.structure_key) == structure_key)
        .map(|m| &m.views);
    let inputs = views::Inputs::new(
        &entries,
        &rendered,
        &visible,
        &visible_list,
        &index,
        base,
        &terms,
        &progress,
        &tree_links,
    );
    let (views, built) = views::build(&inputs, &visible_list, reusable);
    if let Some(m) = model.as_deref_mut() {
        m.views_built = built;
        if let Some(key) = structure_key {
            views::remember(m, key, &entries, &rendered, &visible_list, &views);
        }
    }
    drop(model);
    let (dates, instants) = views::dates(&entries, &visible_list);
    watch.lap("  site: views");

    let lists::Collections {
        achievements,
        goals,
        reflections,
        milestones,
        shares,
        pages,
        home,
    } = lists::collections(&views, &dates);
    let terms::Terms {
        tags: tag_map,
        skills: skill_map,
        ..
    } = terms;
    let ladder = ladder::collect(&config.ladder, audience, &views, &achievements, &dates);
    let tags = lists::term_pages(tag_map, &views, &dates);
    let skills = lists::term_pages(skill_map, &views, &dates);
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
        ladder,
        share_files,
        sealed: Vec::new(),
        left_out,
    };
    (site, diags)
}

impl Site {
    pub(crate) fn view(&self, n: usize) -> &EntryView {
        &self.entries[n]
    }

    /// A share page's period: `from`..`to`, by default the year up to
    /// `to` (or today).
    pub(crate) fn share_period(&self, n: usize) -> (Date, Date) {
        let spec = self.entries[n].share.as_ref();
        documents::span(
            spec.and_then(|s| s.from),
            spec.and_then(|s| s.to),
            self.today,
        )
    }

    /// The goals a share page reports on: those its achievements serve and
    /// those it names in `include.goals`, in site order.
    pub(crate) fn share_goals(&self, n: usize, selection: &[usize]) -> Vec<usize> {
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

    /// The visible goals with their parents' slugs, for goal filters.
    fn goal_parents(&self) -> Vec<(&str, Option<&str>)> {
        self.goals
            .iter()
            .map(|&g| {
                let v = &self.entries[g];
                (v.slug.as_str(), v.parent.as_ref().map(|p| p.slug.as_str()))
            })
            .collect()
    }

    /// The achievements a share page gathers: in its period, filtered by its
    /// `include` (see [`documents::Filter`]: any value within a filter,
    /// every filter given; a goal with its sub-goals; featured: only those).
    pub(crate) fn share_selection_view(&self, n: usize) -> Vec<usize> {
        let Some(spec) = self.entries[n].share.as_ref() else {
            return Vec::new();
        };
        let include = &spec.include;
        let (from, to) = self.share_period(n);
        let parents = self.goal_parents();
        let filter = documents::Filter {
            include,
            goals: documents::with_sub_goals(&include.goals, parents.iter().copied()),
        };
        self.achievements
            .iter()
            .copied()
            .filter(|&a| self.dates[a].is_some_and(|d| d >= from && d <= to))
            .filter(|&a| {
                let v = &self.entries[a];
                let slugs = |terms: &[Shared<Term>]| -> Vec<String> {
                    terms.iter().map(|t| t.slug.clone()).collect()
                };
                let goals: Vec<String> = v.goals.iter().map(|g| g.slug.clone()).collect();
                filter.passes(&documents::Facts {
                    tags: &slugs(&v.tags),
                    skills: &slugs(&v.skills),
                    goals: &goals,
                    competencies: &v.competency_ids,
                    featured: v.featured,
                })
            })
            .collect()
    }
}
