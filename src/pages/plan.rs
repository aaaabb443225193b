//! The plan: every page of the site with its URL, template and typed
//! context. Every URL goes through `BaseUrl`, so a sub-path base works
//! everywhere.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::config::Author;
use crate::model::entry::{GoalStatus, Horizon};
use crate::model::kind::Kind;
use crate::model::site::{EntryView, Site, Term, TermPage};
pub use crate::urls::Taxonomy;
use crate::urls::{self, Section};

#[derive(Debug, Serialize)]
pub struct NavItem {
    pub label: String,
    pub url: String,
    pub section: &'static str,
}

/// What every template gets as `site`.
#[derive(Debug, Serialize)]
pub struct SiteCtx<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// Absolute base URL, ending in `/`.
    pub base_url: String,
    /// The path prefix every internal link starts with (`/` or `/career/`).
    pub base_path: &'a str,
    pub language: &'a str,
    pub author: &'a Author,
    pub north_star: Option<&'a str>,
    pub extra: &'a serde_json::Value,
    pub nav: Vec<NavItem>,
    pub feed_url: Option<String>,
    pub stylesheet: String,
    pub favicon: Option<String>,
    pub today: String,
    /// True when private entries are shown (serve --private).
    pub private_preview: bool,
}

/// What every template gets as `page`.
#[derive(Debug, Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub url: String,
    pub og_type: &'static str,
    pub noindex: bool,
    /// Which nav section is current.
    pub section: &'static str,
}

#[derive(Debug, Serialize)]
pub struct WeekGroup<'a> {
    pub label: String,
    pub iso_year: i16,
    pub week: i8,
    pub entries: Vec<&'a EntryView>,
}

#[derive(Debug, Serialize)]
pub struct YearGroup<'a> {
    pub year: i16,
    pub count: usize,
    pub weeks: Vec<WeekGroup<'a>>,
}

#[derive(Debug, Serialize)]
pub struct HorizonGroup<'a> {
    pub code: &'static str,
    pub label: &'static str,
    pub goals: Vec<&'a EntryView>,
}

/// One goal of the goal tree, in depth-first order. Nested lists are
/// written without recursion: after a row, `open` says its sub-goals follow
/// (open a list), and `close` how many lists end after it.
#[derive(Debug, Serialize)]
pub struct TreeRow<'a> {
    pub depth: usize,
    pub goal: &'a EntryView,
    pub open: bool,
    pub close: usize,
}

/// A tag or skill on an index page, with the dates of its first and latest
/// use and its newest entries.
#[derive(Debug, Serialize)]
pub struct TermRow<'a> {
    #[serde(flatten)]
    pub term: &'a Term,
    pub first: Option<&'a str>,
    pub latest: Option<&'a str>,
    /// `first` and `latest` as "5 Dec 2025".
    pub first_human: Option<String>,
    pub latest_human: Option<String>,
    pub recent: Vec<&'a EntryView>,
}

#[derive(Debug, Serialize)]
pub struct StatusCount {
    pub status: GoalStatus,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct QuarterCount {
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Data<'a> {
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
    },
    Empty {},
}

/// One page to render.
#[derive(Debug, Serialize)]
pub struct PageCtx<'a> {
    /// The `SiteCtx`, turned into a template value once per build: every
    /// page shares it.
    pub site: &'a tera::Value,
    pub page: &'a PageMeta,
    #[serde(flatten)]
    pub data: &'a Data<'a>,
}

/// A planned page: where it goes and how it renders.
#[derive(Debug)]
pub struct Planned<'a> {
    /// Output file, site-relative: `goals/x/index.html`.
    pub file: String,
    pub template: &'static str,
    pub page: PageMeta,
    pub data: Data<'a>,
    /// `Some(lastmod)` for pages listed in the sitemap.
    pub sitemap: Option<Option<String>>,
    /// For a sealed share page: its slug and key salt; the page's main
    /// content is encrypted after rendering.
    pub seal: Option<(String, Option<String>)>,
}

pub fn site_ctx(site: &Site) -> SiteCtx<'_> {
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
        feed_url: c.feed.then(|| b.url(urls::FEED)),
        stylesheet: b.url(urls::STYLESHEET),
        favicon: Some(b.url(urls::FAVICON)),
        today: site.today.to_string(),
        private_preview: site.audience.private,
    }
}

fn human(date: Option<&str>) -> Option<String> {
    date.and_then(|d| d.parse::<Date>().ok())
        .map(crate::text::human_date)
}

fn week_label(iso_year: i16, week: i8) -> String {
    let Ok(start) = jiff::civil::ISOWeekDate::new(iso_year, week, jiff::civil::Weekday::Monday)
    else {
        return format!("Week {week}");
    };
    let monday = start.date();
    let sunday = monday.saturating_add(jiff::Span::new().days(6));
    if monday.month() == sunday.month() {
        format!(
            "Week {week} · {}–{}",
            monday.strftime("%b %-d"),
            sunday.strftime("%-d")
        )
    } else {
        format!(
            "Week {week} · {}–{}",
            monday.strftime("%b %-d"),
            sunday.strftime("%b %-d")
        )
    }
}

fn status_rank(s: Option<GoalStatus>) -> u8 {
    match s {
        Some(GoalStatus::Active) => 0,
        Some(GoalStatus::Planned) => 1,
        Some(GoalStatus::Achieved) => 2,
        Some(GoalStatus::Paused) => 3,
        Some(GoalStatus::Dropped) => 4,
        None => 5,
    }
}

/// Where a goal's horizon sorts: the longest (10 years) first, a goal with
/// no horizon after every horizon.
fn horizon_rank(g: &EntryView) -> usize {
    Horizon::ALL
        .iter()
        .position(|h| Some(h.code()) == g.horizon)
        .unwrap_or(Horizon::ALL.len())
}

fn sort_goals(goals: &mut [&EntryView]) {
    goals.sort_by(|a, b| {
        (status_rank(a.status), &a.due, &a.title).cmp(&(status_rank(b.status), &b.due, &b.title))
    });
}

fn by_horizon<'a>(
    goals: &[&'a EntryView],
    keep: impl Fn(&EntryView) -> bool,
) -> Vec<HorizonGroup<'a>> {
    Horizon::ALL
        .iter()
        .filter_map(|h| {
            let mut list: Vec<&EntryView> = goals
                .iter()
                .copied()
                .filter(|g| g.horizon == Some(h.code()) && keep(g))
                .collect();
            sort_goals(&mut list);
            (!list.is_empty()).then_some(HorizonGroup {
                code: h.code(),
                label: h.label(),
                goals: list,
            })
        })
        .collect()
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

/// The current role: the latest role milestone that has started and not ended.
pub fn current_role(site: &Site) -> Option<&EntryView> {
    site.milestones
        .iter()
        .rev()
        .map(|&n| (n, site.view(n)))
        .find(|(n, v)| {
            v.is_role
                && site.dates[*n].is_some_and(|d| d <= site.today)
                && v.end
                    .as_deref()
                    .is_none_or(|e| e >= site.today.to_string().as_str())
        })
        .map(|(_, v)| v)
}

/// A page of the site, before it is planned: what `pages` lists, and what
/// `plan_page` turns into a [`Planned`] page. `serve` keeps only this list
/// and plans a page when it is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRef {
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
    /// The share page of `site.entries[n]`.
    Share(usize),
    NotFound,
}

impl PageRef {
    /// The page's site-relative path (`goals/x/`): where [`pages`] writes
    /// it, and what its links and canonical URL are made from.
    pub fn path(self, site: &Site) -> String {
        match self {
            PageRef::Home => urls::HOME.to_string(),
            PageRef::Achievements => Section::Achievements.path(),
            PageRef::Entry(n) | PageRef::Share(n) => {
                let v = site.view(n);
                urls::entry_path(v.kind, &v.slug)
            }
            PageRef::Goals => Section::Goals.path(),
            PageRef::Reflections => Section::Reflections.path(),
            PageRef::Journey => Section::Journey.path(),
            PageRef::Terms(t) => t.section().path(),
            PageRef::Term(t, i) => urls::term_path(t, &term_pages(site, t)[i].term.slug),
            PageRef::NotFound => urls::NOT_FOUND.to_string(),
        }
    }
}

/// The pages of a taxonomy's terms.
fn term_pages(site: &Site, taxonomy: Taxonomy) -> &[TermPage] {
    match taxonomy {
        Taxonomy::Skills => &site.skills,
        Taxonomy::Tags => &site.tags,
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
    for t in Taxonomy::ALL {
        refs.push(PageRef::Terms(t));
        refs.extend((0..term_pages(site, t).len()).map(|i| PageRef::Term(t, i)));
    }
    refs.extend(site.shares.iter().map(|&n| PageRef::Share(n)));
    refs.push(PageRef::NotFound);
    refs.into_iter()
        .map(|r| (urls::page_file(&r.path(site)), r))
        .collect()
}

/// Plans every HTML page of the site, in the order of [`pages`].
pub fn plan(site: &Site) -> Vec<Planned<'_>> {
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
    }
}

fn pick<'a>(site: &'a Site, list: &[usize]) -> Vec<&'a EntryView> {
    list.iter().map(|&n| site.view(n)).collect()
}

/// Plans one page; `file` is its output file as [`pages`] gave it.
pub fn plan_page(site: &Site, page: PageRef, file: String) -> Planned<'_> {
    match page {
        PageRef::Home => plan_home(site, file),
        PageRef::Achievements => plan_achievements(site, file),
        PageRef::Entry(n) => {
            let v = site.view(n);
            let (template, section, og) =
                entry_page_kind(v.kind).unwrap_or(("page.html", "page", "website"));
            Planned {
                file,
                template,
                page: entry_meta(site, v, &v.summary, og, section),
                data: Data::Entry { entry: v },
                sitemap: Some(v.date.clone()),
                seal: None,
            }
        }
        PageRef::Goals => plan_goals(site, file),
        PageRef::Reflections => plan_reflections(site, file),
        PageRef::Journey => plan_journey(site, file),
        PageRef::Terms(t) => plan_terms(site, t, file),
        PageRef::Term(t, i) => term_page(site, t, i, file),
        PageRef::Share(n) => plan_share(site, n, file),
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

fn active_goals<'a>(goals: &[&'a EntryView]) -> Vec<&'a EntryView> {
    let mut g: Vec<&EntryView> = goals
        .iter()
        .copied()
        .filter(|g| g.status == Some(GoalStatus::Active))
        .collect();
    // The nearest horizon first, goals with none after every horizon.
    let key = |g: &EntryView| {
        let rank = horizon_rank(g);
        (
            rank == Horizon::ALL.len(),
            std::cmp::Reverse(rank),
            g.due.clone(),
        )
    };
    g.sort_by_cached_key(|g| key(g));
    g.truncate(6);
    g
}

fn plan_home(site: &Site, file: String) -> Planned<'_> {
    let achievements = &site.achievements;
    let goals = pick(site, &site.goals);
    let active_goal_count = goals
        .iter()
        .filter(|g| g.status == Some(GoalStatus::Active))
        .count();
    let habit = crate::charts::journey::heatmap(site);
    let intro = site.home.map(|n| site.view(n));
    let home_title = intro.map_or_else(|| site.config.title.clone(), |i| i.title.clone());
    Planned {
        file,
        template: "index.html",
        page: PageMeta {
            title: home_title,
            ..meta(
                site,
                PageRef::Home,
                site.config.title.clone(),
                intro.map_or("", |i| i.summary.as_str()),
                "website",
                "home",
            )
        },
        data: Data::Home {
            intro,
            latest: achievements.iter().take(8).map(|&n| site.view(n)).collect(),
            active_goals: active_goals(&goals),
            heatmap_svg: habit.wide,
            heatmap_svg_narrow: habit.narrow,
            streak: habit.streak,
            weeks_active: habit.active,
            achievement_count: achievements.len(),
            active_goal_count,
            current_role: current_role(site),
        },
        sitemap: Some(None),
        seal: None,
    }
}

/// Dated entries (in the order given, newest first) grouped by year, then
/// by ISO week: the achievement log's shape, which skill pages share.
fn year_groups<'a>(views: impl IntoIterator<Item = &'a EntryView>) -> Vec<YearGroup<'a>> {
    let mut years: Vec<YearGroup> = Vec::new();
    for v in views {
        let (Some(year), Some(iso_year), Some(week)) = (v.year, v.iso_year, v.iso_week) else {
            continue;
        };
        if years.last().is_none_or(|y| y.year != year) {
            years.push(YearGroup {
                year,
                count: 0,
                weeks: Vec::new(),
            });
        }
        let y = years.last_mut().expect("just pushed");
        y.count += 1;
        if y.weeks
            .last()
            .is_none_or(|w| (w.iso_year, w.week) != (iso_year, week))
        {
            y.weeks.push(WeekGroup {
                label: week_label(iso_year, week),
                iso_year,
                week,
                entries: Vec::new(),
            });
        }
        y.weeks.last_mut().expect("just pushed").entries.push(v);
    }
    years
}

/// The achievement log, grouped by year then ISO week.
fn plan_achievements(site: &Site, file: String) -> Planned<'_> {
    let years = year_groups(site.achievements.iter().map(|&n| site.view(n)));
    let newest = site.achievements.first().map(|&n| site.view(n));
    Planned {
        file,
        template: "achievements.html",
        page: meta(
            site,
            PageRef::Achievements,
            "Achievements".into(),
            &format!(
                "{} — every achievement, newest first, with its impact.",
                site.config.title
            ),
            "website",
            "achievements",
        ),
        data: Data::Achievements {
            years,
            total: site.achievements.len(),
        },
        sitemap: Some(newest.and_then(|a| a.date.clone())),
        seal: None,
    }
}

fn plan_goals(site: &Site, file: String) -> Planned<'_> {
    let goals = pick(site, &site.goals);
    let by_slug: std::collections::HashMap<&str, &EntryView> =
        goals.iter().map(|g| (g.slug.as_str(), *g)).collect();
    let mut tree = Vec::new();
    let mut roots: Vec<&EntryView> = goals
        .iter()
        .copied()
        .filter(|g| g.parent.is_none())
        .collect();
    roots.sort_by_key(|g| horizon_rank(g));
    fn walk<'a>(
        g: &'a EntryView,
        depth: usize,
        by_slug: &std::collections::HashMap<&str, &'a EntryView>,
        seen: &mut std::collections::HashSet<*const EntryView>,
        tree: &mut Vec<TreeRow<'a>>,
    ) {
        if depth > 32 || !seen.insert(g as *const EntryView) {
            return;
        }
        tree.push(TreeRow {
            depth,
            goal: g,
            open: false,
            close: 0,
        });
        let mut kids: Vec<&'a EntryView> = g
            .children
            .iter()
            .filter_map(|c| by_slug.get(c.slug.as_str()).copied())
            .collect();
        kids.sort_by_cached_key(|k| (horizon_rank(k), status_rank(k.status), k.due.clone()));
        for child in kids {
            walk(child, depth + 1, by_slug, seen, tree);
        }
    }
    let mut seen = std::collections::HashSet::new();
    for r in &roots {
        walk(r, 0, &by_slug, &mut seen, &mut tree);
    }
    // Where each nested list opens and closes.
    for i in 0..tree.len() {
        let next = tree.get(i + 1).map_or(0, |r| r.depth);
        let here = tree[i].depth;
        tree[i].open = next > here;
        tree[i].close = here.saturating_sub(next);
    }
    let by_status: Vec<StatusCount> = [
        GoalStatus::Active,
        GoalStatus::Planned,
        GoalStatus::Achieved,
        GoalStatus::Paused,
        GoalStatus::Dropped,
    ]
    .into_iter()
    .map(|status| StatusCount {
        status,
        count: goals.iter().filter(|g| g.status == Some(status)).count(),
    })
    .filter(|c| c.count > 0)
    .collect();
    let unscheduled = {
        let mut u: Vec<&EntryView> = goals
            .iter()
            .copied()
            .filter(|g| g.horizon.is_none())
            .collect();
        sort_goals(&mut u);
        u
    };
    Planned {
        file,
        template: "goals.html",
        page: meta(
            site,
            PageRef::Goals,
            "Goals".into(),
            &format!(
                "{} — goals from the next 30 days to the next 10 years, with progress.",
                site.config.title
            ),
            "website",
            "goals",
        ),
        data: Data::Goals {
            horizons: by_horizon(&goals, |_| true),
            unscheduled,
            tree,
            total: goals.len(),
            by_status,
        },
        sitemap: Some(None),
        seal: None,
    }
}

fn plan_reflections(site: &Site, file: String) -> Planned<'_> {
    let trend = crate::charts::journey::wellbeing_trend(site);
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

fn plan_journey(site: &Site, file: String) -> Planned<'_> {
    let mut quarters: Vec<QuarterCount> = Vec::new();
    let mut dated: Vec<Date> = site
        .achievements
        .iter()
        .filter_map(|&n| site.dates[n])
        .collect();
    dated.sort();
    for d in dated {
        let label = format!("{} Q{}", d.year(), (d.month() - 1) / 3 + 1);
        match quarters.last_mut() {
            Some(q) if q.label == label => q.count += 1,
            _ => quarters.push(QuarterCount { label, count: 1 }),
        }
    }
    let timeline = crate::charts::journey::timeline(site);
    let goals = pick(site, &site.goals);
    Planned {
        file,
        template: "journey.html",
        page: meta(
            site,
            PageRef::Journey,
            "My Career Journey".into(),
            &format!(
                "{} — roles, milestones and achievements over time, and the road ahead.",
                site.config.title
            ),
            "website",
            "journey",
        ),
        data: Data::Journey {
            svg: timeline.wide,
            svg_narrow: timeline.narrow,
            milestones: pick(site, &site.milestones),
            quarters,
            current_role: current_role(site),
            ahead: by_horizon(&goals, |g| {
                matches!(
                    g.status,
                    Some(GoalStatus::Active) | Some(GoalStatus::Planned)
                )
            }),
        },
        sitemap: Some(None),
        seal: None,
    }
}

/// The index of skills or tags.
fn plan_terms(site: &Site, taxonomy: Taxonomy, file: String) -> Planned<'_> {
    let mut terms: Vec<TermRow> = term_pages(site, taxonomy)
        .iter()
        .map(|p| TermRow {
            term: &p.term,
            first: p.first.as_deref(),
            latest: p.latest.as_deref(),
            first_human: human(p.first.as_deref()),
            latest_human: human(p.latest.as_deref()),
            recent: p.entries.iter().take(3).map(|&n| site.view(n)).collect(),
        })
        .collect();
    let (template, label) = match taxonomy {
        Taxonomy::Skills => {
            // The skills with the most evidence first.
            terms.sort_by(|a, b| {
                b.term
                    .count
                    .cmp(&a.term.count)
                    .then(b.latest.cmp(&a.latest))
                    .then(a.term.name.cmp(&b.term.name))
            });
            ("skills.html", "Skills")
        }
        Taxonomy::Tags => ("tags.html", "Tags"),
    };
    let name = taxonomy.name();
    Planned {
        file,
        template,
        page: meta(
            site,
            PageRef::Terms(taxonomy),
            label.into(),
            &format!(
                "{} — {name} with the work that shows them.",
                site.config.title
            ),
            "website",
            name,
        ),
        data: Data::Terms {
            terms,
            taxonomy: name,
        },
        sitemap: Some(None),
        seal: None,
    }
}

/// A share page: unlisted, noindex, not in the sitemap.
fn plan_share(site: &Site, n: usize, file: String) -> Planned<'_> {
    let v = site.view(n);
    let selected = site.share_selection_view(n);
    let achievements: Vec<&EntryView> = selected.iter().map(|&a| site.view(a)).collect();
    let mut share_goals: Vec<&EntryView> = site
        .share_goals(n, &selected)
        .into_iter()
        .map(|g| site.view(g))
        .collect();
    sort_goals(&mut share_goals);
    let mut skills: Vec<Term> = Vec::new();
    for a in &achievements {
        for s in &a.skills {
            match skills.iter_mut().find(|x| x.slug == s.slug) {
                Some(x) => x.count += 1,
                None => skills.push(Term {
                    count: 1,
                    ..Term::clone(s)
                }),
            }
        }
    }
    skills.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    let (from, to) = site.share_period(n);
    let featured_count = achievements.iter().filter(|a| a.featured).count();
    let desc = match &v.ask {
        Some(ask) => format!(
            "{ask} — {} achievements from {from} to {to}.",
            achievements.len()
        ),
        None => v.summary.clone(),
    };
    let mut page = entry_meta(site, v, &desc, "article", "share");
    page.noindex = true;
    let seal = v
        .share
        .as_ref()
        .filter(|s| s.sealed)
        .map(|s| (v.slug.clone(), s.key_salt.clone()));
    if seal.is_some() {
        // A sealed page's head tells a stranger nothing of its content.
        page.title = "A sealed page".into();
        page.description = "This page is sealed: it opens with the full link you were sent.".into();
        page.og_type = "website";
    }
    Planned {
        file,
        template: "share.html",
        page,
        data: Data::Share {
            entry: v,
            achievements,
            goals: share_goals,
            skills,
            from: from.to_string(),
            to: to.to_string(),
            from_human: crate::text::human_date(from),
            to_human: crate::text::human_date(to),
            featured_count,
        },
        sitemap: None,
        seal,
    }
}

/// The page of a skill or tag: `term_pages(site, t)[i]`.
fn term_page(site: &Site, t: Taxonomy, i: usize, file: String) -> Planned<'_> {
    let p = &term_pages(site, t)[i];
    let taxonomy = t.name();
    let (what, template) = match t {
        Taxonomy::Skills => ("Skill", "skill.html"),
        Taxonomy::Tags => ("Tag", "tag.html"),
    };
    let desc = format!(
        "{} — {} {} for {}.",
        site.config.title,
        p.term.count,
        if p.term.count == 1 {
            "entry"
        } else {
            "entries"
        },
        p.term.name
    );
    Planned {
        file,
        template,
        page: meta(
            site,
            PageRef::Term(t, i),
            format!("{what}: {}", p.term.name),
            &desc,
            "website",
            taxonomy,
        ),
        data: Data::Term {
            term: &p.term,
            entries: p.entries.iter().map(|&n| site.view(n)).collect(),
            years: year_groups(p.entries.iter().map(|&n| site.view(n))),
            first: p.first.as_deref(),
            latest: p.latest.as_deref(),
            first_human: human(p.first.as_deref()),
            latest_human: human(p.latest.as_deref()),
            taxonomy,
        },
        sitemap: Some(p.latest.clone()),
        seal: None,
    }
}
