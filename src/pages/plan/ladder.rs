//! The career ladder's pages: `/ladder/`, the matrix of the current and
//! target level with each competency's evidence, the gaps and the coverage;
//! `/ladder/<id>/`, one competency and all its evidence; and the
//! competencies an achievement or share page names. Only what
//! `Site::ladder` counts (public, non-draft achievements) appears.

use serde::Serialize;

use super::{Data, PageRef, Planned, meta};
use crate::model::ladder::Competency;
use crate::model::site::{EntryView, LadderSite, Site, counts_as_evidence};
use crate::model::urls;

/// A competency as templates see it, with its evidence in numbers.
#[derive(Debug, Serialize)]
pub(crate) struct CompetencyCtx<'a> {
    pub(crate) id: &'a str,
    pub(crate) summary: &'a str,
    pub(crate) proficiency: Option<&'a str>,
    pub(crate) examples: &'a [String],
    pub(crate) level: &'a str,
    pub(crate) level_name: &'a str,
    pub(crate) theme: &'a str,
    pub(crate) theme_name: &'a str,
    pub(crate) url: String,
    /// How many public achievements are evidence for it.
    pub(crate) count: usize,
    pub(crate) latest: Option<String>,
    pub(crate) latest_human: Option<String>,
    /// The strongest piece: the newest featured one, else the newest with
    /// an impact, else the newest.
    pub(crate) strongest: Option<&'a EntryView>,
}

/// A level of the ladder with its coverage.
#[derive(Debug, Serialize)]
pub(crate) struct LevelCtx<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    pub(crate) summary: Option<&'a str>,
    pub(crate) current: bool,
    pub(crate) target: bool,
    /// Competencies of the level with evidence, of `total`.
    pub(crate) covered: usize,
    pub(crate) total: usize,
    pub(crate) percent: u32,
    /// "9 of 14 Staff Engineer competencies have evidence".
    pub(crate) coverage: String,
}

/// One theme's row of the matrix: a cell per level shown.
#[derive(Debug, Serialize)]
pub(crate) struct ThemeRow<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    pub(crate) summary: Option<&'a str>,
    pub(crate) cells: Vec<Cell<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Cell<'a> {
    pub(crate) level: &'a str,
    pub(crate) level_name: &'a str,
    pub(crate) competencies: Vec<CompetencyCtx<'a>>,
}

/// What `ladder.html` is given as `ladder`.
#[derive(Debug, Serialize)]
pub(crate) struct LadderCtx<'a> {
    pub(crate) name: &'a str,
    pub(crate) summary: Option<&'a str>,
    pub(crate) url: String,
    /// The levels shown: the current and the target, else every level.
    pub(crate) levels: Vec<LevelCtx<'a>>,
    pub(crate) themes: Vec<ThemeRow<'a>>,
    /// The level the gaps are counted for: the target, else the current.
    pub(crate) focus: Option<LevelCtx<'a>>,
    /// Competencies of the focus level without evidence.
    pub(crate) gaps: Vec<CompetencyCtx<'a>>,
    /// Achievements that are evidence for at least one competency shown.
    pub(crate) evidence_total: usize,
}

/// A share page's achievements under one competency.
#[derive(Debug, Serialize)]
pub(crate) struct CompetencyGroup<'a> {
    pub(crate) competency: CompetencyCtx<'a>,
    pub(crate) achievements: Vec<&'a EntryView>,
}

pub(super) fn competency<'a>(site: &'a Site, l: &'a LadderSite, c: usize) -> CompetencyCtx<'a> {
    let comp: &'a Competency = &l.ladder.competencies[c];
    let evidence = &l.evidence[c];
    let level = l.ladder.level(&comp.level).map(|i| &l.ladder.levels[i]);
    let theme = l.ladder.theme(&comp.theme).map(|i| &l.ladder.themes[i]);
    let views = || evidence.iter().map(|&a| site.view(a));
    let strongest = views()
        .find(|v| v.featured)
        .or_else(|| views().find(|v| v.impact.is_some()))
        .or_else(|| views().next());
    let latest = evidence.first().and_then(|&a| site.dates[a]);
    CompetencyCtx {
        id: &comp.id,
        summary: &comp.summary,
        proficiency: comp.proficiency.as_deref(),
        examples: &comp.examples,
        level: &comp.level,
        level_name: level.map_or(comp.level.as_str(), |l| l.name.as_str()),
        theme: &comp.theme,
        theme_name: theme.map_or(comp.theme.as_str(), |t| t.name.as_str()),
        url: site.config.base_url.url(&urls::competency_path(&comp.id)),
        count: evidence.len(),
        latest: latest.map(|d| d.to_string()),
        latest_human: latest.map(crate::text::human_date),
        strongest,
    }
}

/// "9 of 14 Staff Engineer competencies have evidence".
pub(crate) fn coverage_line(covered: usize, total: usize, level: &str) -> String {
    if total == 1 {
        let has = if covered == 1 { "has" } else { "has no" };
        return format!("The one {level} competency {has} evidence");
    }
    let verb = if covered == 1 { "has" } else { "have" };
    format!("{covered} of {total} {level} competencies {verb} evidence")
}

fn level_ctx<'a>(l: &'a LadderSite, i: usize) -> LevelCtx<'a> {
    let level = &l.ladder.levels[i];
    let of_level = || {
        l.ladder
            .competencies
            .iter()
            .enumerate()
            .filter(|(_, c)| c.level == level.id)
    };
    let total = of_level().count();
    let covered = of_level()
        .filter(|(c, _)| !l.evidence[*c].is_empty())
        .count();
    LevelCtx {
        id: &level.id,
        name: &level.name,
        summary: level.summary.as_deref(),
        current: l.level == Some(i),
        target: l.target == Some(i),
        covered,
        total,
        percent: (covered * 100).checked_div(total).unwrap_or(0) as u32,
        coverage: coverage_line(covered, total, &level.name),
    }
}

/// The levels `/ladder/` shows: the current and the target, else all.
fn shown_levels(l: &LadderSite) -> Vec<usize> {
    let mut shown: Vec<usize> = [l.level, l.target].into_iter().flatten().collect();
    shown.sort_unstable();
    shown.dedup();
    if shown.is_empty() {
        shown = (0..l.ladder.levels.len()).collect();
    }
    shown
}

/// `/ladder/`.
pub(super) fn plan_ladder(site: &Site, file: String) -> Planned<'_> {
    let l = site.ladder.as_ref().expect("planned only with a ladder");
    let shown = shown_levels(l);
    let themes = l
        .ladder
        .themes
        .iter()
        .map(|t| ThemeRow {
            id: &t.id,
            name: &t.name,
            summary: t.summary.as_deref(),
            cells: shown
                .iter()
                .map(|&li| {
                    let level = &l.ladder.levels[li];
                    Cell {
                        level: &level.id,
                        level_name: &level.name,
                        competencies: (0..l.ladder.competencies.len())
                            .filter(|&c| {
                                let comp = &l.ladder.competencies[c];
                                comp.theme == t.id && comp.level == level.id
                            })
                            .map(|c| competency(site, l, c))
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    let focus = l.focus();
    let gaps = focus
        .map(|f| {
            let id = &l.ladder.levels[f].id;
            (0..l.ladder.competencies.len())
                .filter(|&c| l.ladder.competencies[c].level == *id && l.evidence[c].is_empty())
                .map(|c| competency(site, l, c))
                .collect()
        })
        .unwrap_or_default();
    let mut pieces: Vec<usize> = (0..l.ladder.competencies.len())
        .filter(|&c| {
            let level = &l.ladder.competencies[c].level;
            shown.iter().any(|&s| l.ladder.levels[s].id == *level)
        })
        .flat_map(|c| l.evidence[c].iter().copied())
        .collect();
    pieces.sort_unstable();
    pieces.dedup();
    let focus_ctx = focus.map(|f| level_ctx(l, f));
    let desc = match &focus_ctx {
        Some(f) => format!("{}: {}.", l.ladder.name, f.coverage),
        None => l.ladder.summary.clone().unwrap_or_default(),
    };
    Planned {
        file,
        template: "ladder.html",
        page: meta(
            site,
            PageRef::Ladder,
            l.ladder.name.clone(),
            &desc,
            "website",
            "ladder",
        ),
        data: Data::Ladder {
            ladder: LadderCtx {
                name: &l.ladder.name,
                summary: l.ladder.summary.as_deref(),
                url: site.config.base_url.url(&urls::Section::Ladder.path()),
                levels: shown.iter().map(|&i| level_ctx(l, i)).collect(),
                themes,
                focus: focus_ctx,
                gaps,
                evidence_total: pieces.len(),
            },
        },
        sitemap: Some(None),
        seal: None,
    }
}

/// `/ladder/<id>/`.
pub(super) fn plan_competency(site: &Site, c: usize, file: String) -> Planned<'_> {
    let l = site.ladder.as_ref().expect("planned only with a ladder");
    let ctx = competency(site, l, c);
    let evidence: Vec<&EntryView> = l.evidence[c].iter().map(|&a| site.view(a)).collect();
    let title = format!("{}: {}", ctx.theme_name, ctx.level_name);
    let desc = ctx.summary.to_string();
    let lastmod = ctx.latest.clone();
    Planned {
        file,
        template: "competency.html",
        page: meta(
            site,
            PageRef::Competency(c),
            title,
            &desc,
            "article",
            "ladder",
        ),
        data: Data::Competency {
            ladder_name: &l.ladder.name,
            ladder_url: site.config.base_url.url(&urls::Section::Ladder.path()),
            competency: ctx,
            evidence,
        },
        sitemap: Some(lastmod),
        seal: None,
    }
}

/// The competencies an achievement is evidence for, when the ladder is
/// shown and the achievement counts.
pub(super) fn of_achievement<'a>(site: &'a Site, v: &EntryView) -> Vec<CompetencyCtx<'a>> {
    let Some(l) = site.ladder.as_ref().filter(|l| l.shown) else {
        return Vec::new();
    };
    v.competency_ids
        .iter()
        .filter_map(|id| l.find(id))
        .filter(|_| counts_as_evidence(v.private, v.draft))
        .map(|c| competency(site, l, c))
        .collect()
}

/// A share page's achievements by competency (a competency per group: the
/// target level's first, then the current level's, then the rest, each in
/// the ladder's order; an achievement under each it is evidence for), and
/// those that are evidence for none. Empty groups when the ladder is not shown.
pub(super) fn share_groups<'a>(
    site: &'a Site,
    achievements: &[usize],
    only: &[String],
) -> (Vec<CompetencyGroup<'a>>, Vec<&'a EntryView>) {
    let Some(l) = site.ladder.as_ref().filter(|l| l.shown) else {
        return (Vec::new(), Vec::new());
    };
    let mut placed = vec![false; achievements.len()];
    let mut groups = Vec::new();
    let rank = |c: usize| {
        let level = l.ladder.level(&l.ladder.competencies[c].level);
        match level {
            Some(x) if Some(x) == l.target => 0,
            Some(x) if Some(x) == l.level => 1,
            _ => 2,
        }
    };
    let mut order: Vec<usize> = (0..l.ladder.competencies.len()).collect();
    order.sort_by_key(|&c| (rank(c), c));
    for c in order {
        if !only.is_empty() && !only.contains(&l.ladder.competencies[c].id) {
            continue;
        }
        let members: Vec<&EntryView> = achievements
            .iter()
            .enumerate()
            .filter(|(_, a)| l.evidence[c].contains(a))
            .map(|(i, &a)| {
                placed[i] = true;
                site.view(a)
            })
            .collect();
        if !members.is_empty() {
            groups.push(CompetencyGroup {
                competency: competency(site, l, c),
                achievements: members,
            });
        }
    }
    let rest = achievements
        .iter()
        .zip(&placed)
        .filter(|(_, p)| !**p)
        .map(|(&a, _)| site.view(a))
        .collect();
    (groups, rest)
}
