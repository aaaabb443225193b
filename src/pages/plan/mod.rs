//! The plan: every page of the site with its URL, template and typed
//! context, the one place that decides what each template is given. Every
//! URL comes from `crate::model::urls` through `BaseUrl`, so a sub-path base works
//! everywhere. The pages are planned by family, one module each: the home
//! page, the achievement log, goals, the journey, skills and tags, shares.

mod documents;
mod goals;
mod home;
mod journey;
mod ladder;
mod log;
mod search;
mod share;
mod terms;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::model::config::Author;
use crate::model::kind::Kind;
use crate::model::site::{EntryView, Site, Term};
pub(crate) use crate::model::urls::Taxonomy;
use crate::model::urls::{self, Section};

pub(crate) use goals::{HorizonGroup, StatusCount, TreeRow};
pub(crate) use journey::{QuarterCount, current_role};
pub(crate) use ladder::{CompetencyCtx, CompetencyGroup, LadderCtx};
pub(crate) use log::YearGroup;
pub(crate) use terms::TermRow;
use terms::term_pages;

#[derive(Debug, Serialize)]
pub(crate) struct NavItem {
    pub(crate) label: String,
    pub(crate) url: String,
    pub(crate) section: &'static str,
}

/// What every template gets as `site`.
#[derive(Debug, Serialize)]
pub(crate) struct SiteCtx<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: Option<&'a str>,
    /// Absolute base URL, ending in `/`.
    pub(crate) base_url: String,
    /// The path prefix every internal link starts with (`/` or `/career/`).
    pub(crate) base_path: &'a str,
    pub(crate) language: &'a str,
    pub(crate) author: &'a Author,
    pub(crate) north_star: Option<&'a str>,
    pub(crate) extra: &'a serde_json::Value,
    pub(crate) nav: Vec<NavItem>,
    /// Each section's list page (`site.urls.goals` is `/career/goals/`):
    /// templates link sections through these, never a path of their own.
    pub(crate) urls: SectionUrls,
    pub(crate) feed_url: Option<String>,
    pub(crate) stylesheet: String,
    pub(crate) favicon: Option<String>,
    pub(crate) today: String,
    /// True when private entries are shown (serve --private).
    pub(crate) private_preview: bool,
}

/// The list page of each section, under the base path.
#[derive(Debug, Serialize)]
pub(crate) struct SectionUrls {
    pub(crate) home: String,
    pub(crate) achievements: String,
    pub(crate) goals: String,
    pub(crate) reflections: String,
    pub(crate) journey: String,
    pub(crate) skills: String,
    pub(crate) tags: String,
    /// Null when the ladder is not shown.
    pub(crate) ladder: Option<String>,
    /// The search page; null when `search:` is off.
    pub(crate) search: Option<String>,
}

/// What every template gets as `page`.
#[derive(Debug, Serialize)]
pub(crate) struct PageMeta {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) canonical: String,
    pub(crate) url: String,
    pub(crate) og_type: &'static str,
    pub(crate) noindex: bool,
    /// Which nav section is current.
    pub(crate) section: &'static str,
    /// The page's link-preview card (`og:image`); null with `cards: false`.
    pub(crate) image: Option<crate::pages::cards::ImageMeta>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum Data<'a> {
    Home {
        intro: Option<&'a EntryView>,
        latest: Vec<&'a EntryView>,
        active_goals: Vec<&'a EntryView>,
        /// One row of 52 weeks, and two rows of 26 for narrow screens.
        heatmap_svg: String,
        heatmap_svg_narrow: String,
        streak: usize,
        /// Weeks of the last 52 with at least one achievement.
        weeks_active: usize,
        achievement_count: usize,
        /// All active goals (`active_goals` holds the first six).
        active_goal_count: usize,
        current_role: Option<&'a EntryView>,
    },
    Achievements {
        years: Vec<YearGroup<'a>>,
        total: usize,
    },
    Entry {
        entry: &'a EntryView,
        /// An achievement's competencies (empty for other kinds, and when
        /// the ladder is not shown).
        competencies: Vec<CompetencyCtx<'a>>,
    },
    Ladder {
        ladder: LadderCtx<'a>,
    },
    Competency {
        competency: CompetencyCtx<'a>,
        evidence: Vec<&'a EntryView>,
        ladder_name: &'a str,
        ladder_url: String,
    },
    Goals {
        horizons: Vec<HorizonGroup<'a>>,
        unscheduled: Vec<&'a EntryView>,
        tree: Vec<TreeRow<'a>>,
        total: usize,
        by_status: Vec<StatusCount>,
    },
    Reflections {
        reflections: Vec<&'a EntryView>,
        /// The wellbeing trend (none without public scores), and its
        /// narrow variant.
        trend_svg: Option<String>,
        trend_svg_narrow: Option<String>,
    },
    Journey {
        /// The horizontal timeline, and the vertical one for narrow screens.
        svg: String,
        svg_narrow: String,
        milestones: Vec<&'a EntryView>,
        quarters: Vec<QuarterCount>,
        current_role: Option<&'a EntryView>,
        ahead: Vec<HorizonGroup<'a>>,
        /// The road ahead as the map draws it: goals by month, soonest
        /// first; the goals reached on the way; the goal that is the
        /// north star.
        road: Vec<journey::RoadGroup<'a>>,
        reached: Vec<journey::RoadStep<'a>>,
        star_goal: Option<&'a EntryView>,
        /// Whether the map's road is drawn at a scale that shrinks with
        /// distance (else evenly).
        road_shrinks: bool,
        routes_drawn: journey::RoutesDrawn,
    },
    Terms {
        terms: Vec<TermRow<'a>>,
        taxonomy: &'static str,
    },
    Term {
        term: &'a Term,
        entries: Vec<&'a EntryView>,
        /// The dated ones among `entries`, grouped like the log.
        years: Vec<YearGroup<'a>>,
        first: Option<&'a str>,
        latest: Option<&'a str>,
        first_human: Option<String>,
        latest_human: Option<String>,
        taxonomy: &'static str,
    },
    Share {
        entry: &'a EntryView,
        achievements: Vec<&'a EntryView>,
        goals: Vec<&'a EntryView>,
        skills: Vec<Term>,
        from: String,
        to: String,
        /// The period as "28 Nov 2025" and "20 Nov 2026".
        from_human: String,
        to_human: String,
        featured_count: usize,
        /// With a shown ladder: the achievements by competency, and those
        /// that are evidence for none (both empty without one).
        by_competency: Vec<CompetencyGroup<'a>>,
        other_achievements: Vec<&'a EntryView>,
    },
    /// A share page as a packet, review or cv: one of the three is set.
    Document {
        entry: &'a EntryView,
        /// The selection, featured first (what a packet without its
        /// ladder's text lists).
        achievements: Vec<&'a EntryView>,
        doc: documents::DocHead,
        packet: Option<Box<documents::PacketCtx<'a>>>,
        review: Option<Box<documents::ReviewCtx<'a>>>,
        cv: Option<Box<documents::CvCtx<'a>>>,
    },
    Search {
        /// The kinds and years the index holds, for its filters.
        kinds: Vec<search::FilterValue>,
        years: Vec<search::FilterValue>,
        /// Where Pagefind's script is (`/career/pagefind/pagefind.js`).
        bundle: String,
    },
    Empty {},
}

/// One page to render.
#[derive(Debug, Serialize)]
pub(crate) struct PageCtx<'a> {
    /// The `SiteCtx`, turned into a template value once per build: every
    /// page shares it.
    pub(crate) site: &'a tera::Value,
    pub(crate) page: &'a PageMeta,
    #[serde(flatten)]
    pub(crate) data: &'a Data<'a>,
}

/// A planned page: where it goes and how it renders.
#[derive(Debug)]
pub struct Planned<'a> {
    /// Output file, site-relative: `goals/x/index.html`.
    pub(crate) file: String,
    pub(crate) template: &'static str,
    pub(crate) page: PageMeta,
    pub(crate) data: Data<'a>,
    /// `Some(lastmod)` for pages listed in the sitemap.
    pub(crate) sitemap: Option<Option<String>>,
    /// For a sealed page: what it publishes, put inside its `<main>` after
    /// rendering (the ciphertext, and the script that opens it).
    pub(crate) seal: Option<&'a crate::seal::Artifact>,
}

pub(crate) fn site_ctx(site: &Site) -> SiteCtx<'_> {
    let c = &site.config;
    let b = &c.base_url;
    let item = |label: &str, rel: &str, section: &'static str| NavItem {
        label: label.to_string(),
        url: b.url(rel),
        section,
    };
    let mut nav = vec![
        item("Home", urls::HOME, "home"),
        item(
            "Achievements",
            &Section::Achievements.path(),
            "achievements",
        ),
        item("Goals", &Section::Goals.path(), "goals"),
        item("Journey", &Section::Journey.path(), "journey"),
        item("Skills", &Section::Skills.path(), "skills"),
    ];
    if site.ladder.as_ref().is_some_and(|l| l.shown) {
        nav.insert(3, item("Ladder", &Section::Ladder.path(), "ladder"));
    }
    if !site.reflections.is_empty() {
        nav.push(item(
            "Reflections",
            &Section::Reflections.path(),
            "reflections",
        ));
    }
    for &p in &site.pages {
        let v = site.view(p);
        // Pages link from the nav by their title; `extra.nav: false` opts out.
        if v.extra.get("nav").and_then(|x| x.as_bool()) != Some(false) {
            nav.push(NavItem {
                label: v.title.clone(),
                url: v.url.clone(),
                section: "page",
            });
        }
    }
    if c.search {
        nav.push(item("Search", urls::SEARCH, "search"));
    }
    SiteCtx {
        title: &c.title,
        description: c.description.as_deref(),
        base_url: b.absolute(urls::HOME),
        base_path: b.path(),
        language: &c.language,
        author: &c.author,
        north_star: c.north_star.as_deref(),
        extra: &c.extra,
        nav,
        urls: SectionUrls {
            home: b.url(urls::HOME),
            achievements: b.url(&Section::Achievements.path()),
            goals: b.url(&Section::Goals.path()),
            reflections: b.url(&Section::Reflections.path()),
            journey: b.url(&Section::Journey.path()),
            skills: b.url(&Section::Skills.path()),
            tags: b.url(&Section::Tags.path()),
            ladder: site
                .ladder
                .as_ref()
                .filter(|l| l.shown)
                .map(|_| b.url(&Section::Ladder.path())),
            search: c.search.then(|| b.url(urls::SEARCH)),
        },
        feed_url: c.feed.then(|| b.url(urls::FEED)),
        stylesheet: b.url(urls::STYLESHEET),
        favicon: Some(b.url(urls::FAVICON)),
        today: site.today.to_string(),
        private_preview: site.audience.private,
    }
}

fn description(site: &Site, text: &str) -> String {
    if text.trim().is_empty() {
        site.config
            .description
            .clone()
            .unwrap_or_else(|| site.config.title.clone())
    } else {
        crate::model::markdown::truncate_words(text, 200)
    }
}

/// A page of the site, before it is planned: what `pages` lists, and what
/// `plan_page` turns into a [`Planned`] page. `serve` keeps only this list
/// and plans a page when it is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageRef {
    Home,
    Achievements,
    /// The page of `site.entries[n]`.
    Entry(usize),
    Goals,
    Reflections,
    Journey,
    /// The index of a taxonomy.
    Terms(Taxonomy),
    /// The page of `site.skills[i]` or `site.tags[i]`.
    Term(Taxonomy, usize),
    /// The share page of `site.entries[n]`; a sealed one is rendered only
    /// to be sealed, and published as [`PageRef::Sealed`].
    Share(usize),
    /// The career ladder, and the page of its competency `c`.
    Ladder,
    Competency(usize),
    /// The sealed page `site.sealed[i]`.
    Sealed(usize),
    /// `/search/`, with `search: true`.
    Search,
    NotFound,
}

impl PageRef {
    /// The page's site-relative path (`goals/x/`): where [`pages`] writes
    /// it, and what its links and canonical URL are made from.
    pub(crate) fn path(self, site: &Site) -> String {
        match self {
            PageRef::Home => urls::HOME.to_string(),
            PageRef::Achievements => Section::Achievements.path(),
            PageRef::Entry(n) | PageRef::Share(n) => {
                let v = site.view(n);
                urls::entry_path(v.kind, &v.slug)
            }
            PageRef::Sealed(i) => urls::entry_path(Kind::Share, &site.sealed[i].slug),
            PageRef::Goals => Section::Goals.path(),
            PageRef::Reflections => Section::Reflections.path(),
            PageRef::Journey => Section::Journey.path(),
            PageRef::Terms(t) => t.section().path(),
            PageRef::Term(t, i) => urls::term_path(t, &term_pages(site, t)[i].term.slug),
            PageRef::Ladder => Section::Ladder.path(),
            PageRef::Competency(c) => {
                let l = site
                    .ladder
                    .as_ref()
                    .expect("a competency page has a ladder");
                urls::competency_path(&l.ladder.competencies[c].id)
            }
            PageRef::Search => urls::SEARCH.to_string(),
            PageRef::NotFound => urls::NOT_FOUND.to_string(),
        }
    }
}

/// The template, nav section and Open Graph type of an entry's own page;
/// `None` for kinds without one.
fn entry_page_kind(kind: Kind) -> Option<(&'static str, &'static str, &'static str)> {
    match kind {
        Kind::Achievement => Some(("achievement.html", "achievements", "article")),
        Kind::Goal => Some(("goal.html", "goals", "article")),
        Kind::Reflection => Some(("reflection.html", "reflections", "article")),
        Kind::Page => Some(("page.html", "page", "website")),
        Kind::Share | Kind::Milestone | Kind::Home => None,
    }
}

/// Every HTML page of the site, with its output file (`goals/x/index.html`),
/// in a stable order.
pub fn pages(site: &Site) -> Vec<(String, PageRef)> {
    let mut refs = vec![PageRef::Home, PageRef::Achievements];
    refs.extend(
        (0..site.entries.len())
            .filter(|&n| entry_page_kind(site.entries[n].kind).is_some())
            .map(PageRef::Entry),
    );
    refs.push(PageRef::Goals);
    // Linked from the nav only when there is a public reflection: without
    // one it would be a page nothing links to.
    if !site.reflections.is_empty() {
        refs.push(PageRef::Reflections);
    }
    refs.push(PageRef::Journey);
    if let Some(l) = site.ladder.as_ref().filter(|l| l.shown) {
        refs.push(PageRef::Ladder);
        refs.extend((0..l.ladder.competencies.len()).map(PageRef::Competency));
    }
    for t in Taxonomy::ALL {
        refs.push(PageRef::Terms(t));
        refs.extend((0..term_pages(site, t).len()).map(|i| PageRef::Term(t, i)));
    }
    // A sealed share page is published only as its sealed form.
    refs.extend(
        site.shares
            .iter()
            .filter(|&&n| !site.view(n).sealed)
            .map(|&n| PageRef::Share(n)),
    );
    refs.extend((0..site.sealed.len()).map(PageRef::Sealed));
    if site.config.search {
        refs.push(PageRef::Search);
    }
    refs.push(PageRef::NotFound);
    refs.into_iter()
        .map(|r| (urls::page_file(&r.path(site)), r))
        .collect()
}

/// Plans every HTML page of the site, in the order of [`pages`].
pub(crate) fn plan(site: &Site) -> Vec<Planned<'_>> {
    use rayon::prelude::*;
    pages(site)
        .into_par_iter()
        .with_max_len(crate::PAR_CHUNK)
        .map(|(file, r)| plan_page(site, r, file))
        .collect()
}

/// What every page's head says of it.
fn meta(
    site: &Site,
    page: PageRef,
    title: String,
    desc: &str,
    og_type: &'static str,
    section: &'static str,
) -> PageMeta {
    let b = &site.config.base_url;
    let rel = page.path(site);
    PageMeta {
        title,
        description: description(site, desc),
        canonical: b.absolute(&rel),
        url: b.url(&rel),
        og_type,
        noindex: false,
        section,
        image: None,
    }
}

/// [`meta`] for an entry's own page, from the links its view already has.
fn entry_meta(
    site: &Site,
    v: &EntryView,
    desc: &str,
    og_type: &'static str,
    section: &'static str,
) -> PageMeta {
    PageMeta {
        title: v.title.clone(),
        description: description(site, desc),
        canonical: v.permalink.clone(),
        url: v.url.clone(),
        og_type,
        noindex: false,
        section,
        image: None,
    }
}

fn pick<'a>(site: &'a Site, list: &[usize]) -> Vec<&'a EntryView> {
    list.iter().map(|&n| site.view(n)).collect()
}

/// Plans one page; `file` is its output file as [`pages`] gave it.
pub(crate) fn plan_page(site: &Site, page: PageRef, file: String) -> Planned<'_> {
    let mut planned = plan_page_body(site, page, file);
    planned.page.image = crate::pages::cards::image_meta(site, page);
    planned
}

fn plan_page_body(site: &Site, page: PageRef, file: String) -> Planned<'_> {
    match page {
        PageRef::Home => home::plan_home(site, file),
        PageRef::Achievements => log::plan_achievements(site, file),
        PageRef::Entry(n) => {
            let v = site.view(n);
            let (template, section, og) =
                entry_page_kind(v.kind).unwrap_or(("page.html", "page", "website"));
            Planned {
                file,
                template,
                page: entry_meta(site, v, &v.summary, og, section),
                data: Data::Entry {
                    entry: v,
                    competencies: ladder::of_achievement(site, v),
                },
                sitemap: Some(v.date.clone()),
                seal: None,
            }
        }
        PageRef::Goals => goals::plan_goals(site, file),
        PageRef::Reflections => plan_reflections(site, file),
        PageRef::Journey => journey::plan_journey(site, file),
        PageRef::Terms(t) => terms::plan_terms(site, t, file),
        PageRef::Term(t, i) => terms::term_page(site, t, i, file),
        PageRef::Share(n) => share::plan_share(site, n, file),
        PageRef::Ladder => ladder::plan_ladder(site, file),
        PageRef::Competency(c) => ladder::plan_competency(site, c, file),
        PageRef::Sealed(i) => share::plan_sealed(site, i, file),
        PageRef::Search => search::plan_search(site, file),
        PageRef::NotFound => {
            let mut nf = meta(
                site,
                PageRef::NotFound,
                "Page not found".into(),
                "This page does not exist.",
                "website",
                "none",
            );
            nf.noindex = true;
            Planned {
                file,
                template: "404.html",
                page: nf,
                data: Data::Empty {},
                sitemap: None,
                seal: None,
            }
        }
    }
}

/// The reflections, newest first, under the wellbeing trend: a list with
/// nothing to group, so it needs no module of its own.
fn plan_reflections(site: &Site, file: String) -> Planned<'_> {
    let trend = crate::charts::wellbeing::wellbeing_trend(site);
    Planned {
        file,
        template: "reflections.html",
        page: meta(
            site,
            PageRef::Reflections,
            "Reflections".into(),
            "Reflections and reviews.",
            "website",
            "reflections",
        ),
        data: Data::Reflections {
            trend_svg: trend.as_ref().map(|t| t.wide.clone()),
            trend_svg_narrow: trend.map(|t| t.narrow),
            reflections: pick(site, &site.reflections),
        },
        sitemap: Some(None),
        seal: None,
    }
}
