//! The share page's documents beyond the brief: `packet` (a promotion
//! packet against a ladder level), `review` (a self-review of a period) and
//! `cv` (a résumé). Each reads the same selection the brief does (period
//! and filters, through `Site::share_selection_view`) and sees only what the
//! site model let through; a document never reaches past it.

use serde::Serialize;

use super::goals::sort_goals;
use super::ladder::{CompetencyCtx, competency, coverage_line};
use super::{Data, Planned, entry_meta};
use crate::model::config::DEFAULT_HIGHLIGHTS;
use crate::model::entry::{GoalStatus, Layout, MilestoneType};
use crate::model::period;
use crate::model::site::{EntryView, Site, counts_as_evidence};
use crate::pages::career;

/// What every document shows at its top: the period it covers.
#[derive(Debug, Serialize)]
pub(crate) struct DocHead {
    pub(crate) layout: Layout,
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) from_human: String,
    pub(crate) to_human: String,
    /// `2026-H2` when the page names a period.
    pub(crate) period: Option<String>,
    /// How many achievements it draws on, and how many are featured.
    pub(crate) count: usize,
    pub(crate) featured_count: usize,
}

/// A packet: the target level's themes with the stories that are evidence
/// for each competency, the gaps, goals and the ask.
#[derive(Debug, Serialize)]
pub(crate) struct PacketCtx<'a> {
    pub(crate) ladder_name: &'a str,
    pub(crate) level_id: &'a str,
    pub(crate) level_name: &'a str,
    pub(crate) current_level_name: Option<&'a str>,
    pub(crate) themes: Vec<PacketTheme<'a>>,
    pub(crate) gaps: Vec<CompetencyCtx<'a>>,
    /// "5 of 7 Staff Engineer competencies have evidence" (in this packet).
    pub(crate) coverage: String,
    pub(crate) covered: usize,
    pub(crate) total: usize,
    /// The selection's achievements that are evidence for none of the
    /// level's competencies.
    pub(crate) other: Vec<&'a EntryView>,
    pub(crate) goals: Vec<&'a EntryView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct PacketTheme<'a> {
    pub(crate) name: &'a str,
    pub(crate) summary: Option<&'a str>,
    pub(crate) competencies: Vec<PacketCompetency<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct PacketCompetency<'a> {
    pub(crate) competency: CompetencyCtx<'a>,
    /// Featured first, then newest.
    pub(crate) stories: Vec<&'a EntryView>,
}

/// A self-review: the period's work by the goals it served, reflections,
/// and the goals of the period after.
#[derive(Debug, Serialize)]
pub(crate) struct ReviewCtx<'a> {
    pub(crate) groups: Vec<ReviewGroup<'a>>,
    pub(crate) goals: Vec<&'a EntryView>,
    pub(crate) reflections: Vec<&'a EntryView>,
    /// The following period, as a label (`2027-H1`) or dates.
    pub(crate) next_label: String,
    pub(crate) next_goals: Vec<&'a EntryView>,
}

/// A goal and the achievements that served it (`goal` null for the rest).
#[derive(Debug, Serialize)]
pub(crate) struct ReviewGroup<'a> {
    pub(crate) goal: Option<&'a EntryView>,
    pub(crate) achievements: Vec<&'a EntryView>,
}

/// A cv: roles with highlights, skills, education, certifications, awards.
#[derive(Debug, Serialize)]
pub(crate) struct CvCtx<'a> {
    pub(crate) roles: Vec<CvRole<'a>>,
    pub(crate) skills: Vec<CvSkill<'a>>,
    pub(crate) education: Vec<&'a EntryView>,
    pub(crate) certifications: Vec<&'a EntryView>,
    pub(crate) awards: Vec<&'a EntryView>,
    pub(crate) highlights: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct CvRole<'a> {
    pub(crate) role: &'a EntryView,
    pub(crate) highlights: Vec<&'a EntryView>,
    /// Achievements of the role not shown.
    pub(crate) more: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct CvSkill<'a> {
    pub(crate) name: String,
    pub(crate) url: &'a str,
    pub(crate) count: usize,
}

/// A packet, review or cv page.
pub(super) fn plan_document(site: &Site, n: usize, file: String, layout: Layout) -> Planned<'_> {
    let v = site.view(n);
    let selected = site.share_selection_view(n);
    let (from, to) = site.share_period(n);
    let spec = v.share.as_ref().expect("a share page");
    let featured_count = selected.iter().filter(|&&a| site.view(a).featured).count();
    let head = DocHead {
        layout,
        from: from.to_string(),
        to: to.to_string(),
        from_human: crate::text::human_date(from),
        to_human: crate::text::human_date(to),
        period: spec.period.as_ref().map(|p| p.label.clone()),
        count: selected.len(),
        featured_count,
    };
    let (mut packet, mut review, mut cv) = (None, None, None);
    let (template, desc) = match layout {
        Layout::Packet => {
            packet = packet_ctx(site, n, &selected).map(Box::new);
            ("packet.html", "A promotion packet")
        }
        Layout::Review => {
            review = Some(Box::new(review_ctx(site, n, &selected)));
            ("review.html", "A self-review")
        }
        Layout::Cv => {
            cv = Some(Box::new(cv_ctx(site, spec.highlights)));
            ("cv.html", "A résumé")
        }
        Layout::Brief => unreachable!("plan_share plans the brief itself"),
    };
    let desc = match &v.ask {
        Some(ask) if layout == Layout::Packet => ask.clone(),
        _ if !v.summary.is_empty() => v.summary.clone(),
        _ => desc.to_string(),
    };
    let mut page = entry_meta(site, v, &desc, "article", "share");
    page.noindex = true;
    Planned {
        file,
        template,
        page,
        data: Data::Document {
            entry: v,
            achievements: featured_first(site, &selected),
            doc: head,
            packet,
            review,
            cv,
        },
        sitemap: None,
        seal: None,
    }
}

/// Featured first, then newest (the selection is newest first already).
fn featured_first<'a>(site: &'a Site, list: &[usize]) -> Vec<&'a EntryView> {
    let mut out: Vec<&EntryView> = list.iter().map(|&a| site.view(a)).collect();
    out.sort_by_key(|a| !a.featured);
    out
}

fn goals_of<'a>(site: &'a Site, n: usize, selected: &[usize]) -> Vec<&'a EntryView> {
    let mut goals: Vec<&EntryView> = site
        .share_goals(n, selected)
        .into_iter()
        .map(|g| site.view(g))
        .collect();
    sort_goals(&mut goals);
    goals
}

/// None without a ladder, or when the target is not one of its levels
/// (both reported by `check`).
fn packet_ctx<'a>(site: &'a Site, n: usize, selected: &[usize]) -> Option<PacketCtx<'a>> {
    let l = site.ladder.as_ref()?;
    let v = site.view(n);
    let target = match v.target.as_deref() {
        Some(t) => l.ladder.level(t)?,
        None => l.target?,
    };
    let level = &l.ladder.levels[target];
    let comps: Vec<usize> = (0..l.ladder.competencies.len())
        .filter(|&c| l.ladder.competencies[c].level == level.id)
        .collect();
    // The ladder's text is shown where the ladder is, and in a sealed page
    // (whose text is never published in the clear).
    let shown = l.shown || v.sealed;
    let mut used = vec![false; selected.len()];
    let mut themes: Vec<PacketTheme> = Vec::new();
    let mut gaps = Vec::new();
    let mut covered = 0;
    for t in &l.ladder.themes {
        let mut entries = Vec::new();
        for &c in comps
            .iter()
            .filter(|&&c| l.ladder.competencies[c].theme == t.id)
        {
            let mine: Vec<usize> = selected
                .iter()
                .enumerate()
                .filter(|&(_, a)| l.evidence[c].contains(a))
                .map(|(i, &a)| {
                    used[i] = true;
                    a
                })
                .collect();
            let ctx = competency(site, l, c);
            if mine.is_empty() {
                gaps.push(ctx);
                continue;
            }
            covered += 1;
            entries.push(PacketCompetency {
                competency: ctx,
                stories: featured_first(site, &mine),
            });
        }
        if !entries.is_empty() {
            themes.push(PacketTheme {
                name: &t.name,
                summary: t.summary.as_deref(),
                competencies: entries,
            });
        }
    }
    if !shown {
        return None;
    }
    let other: Vec<usize> = selected
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(&a, _)| a)
        .collect();
    Some(PacketCtx {
        ladder_name: &l.ladder.name,
        level_id: &level.id,
        level_name: &level.name,
        current_level_name: l.level.map(|i| l.ladder.levels[i].name.as_str()),
        coverage: coverage_line(covered, comps.len(), &level.name),
        covered,
        total: comps.len(),
        themes,
        gaps,
        other: featured_first(site, &other),
        goals: goals_of(site, n, selected),
    })
}

fn review_ctx<'a>(site: &'a Site, n: usize, selected: &[usize]) -> ReviewCtx<'a> {
    let goals = goals_of(site, n, selected);
    // Each achievement once, under the first goal it names that the page
    // reports on; the groups in the goals' order.
    let mut mine: Vec<Vec<usize>> = vec![Vec::new(); goals.len()];
    let mut placed = vec![false; selected.len()];
    for (i, &a) in selected.iter().enumerate() {
        let first = site
            .view(a)
            .goals
            .iter()
            .find_map(|r| goals.iter().position(|g| g.slug == r.slug));
        if let Some(at) = first {
            mine[at].push(a);
            placed[i] = true;
        }
    }
    let mut groups: Vec<ReviewGroup> = goals
        .iter()
        .zip(&mine)
        .filter(|(_, m)| !m.is_empty())
        .map(|(&g, m)| ReviewGroup {
            goal: Some(g),
            achievements: featured_first(site, m),
        })
        .collect();
    let rest: Vec<usize> = selected
        .iter()
        .zip(&placed)
        .filter(|(_, p)| !**p)
        .map(|(&a, _)| a)
        .collect();
    if !rest.is_empty() {
        groups.push(ReviewGroup {
            goal: None,
            achievements: featured_first(site, &rest),
        });
    }
    let (from, to) = site.share_period(n);
    let spec = site.view(n).share.as_ref().expect("a share page");
    let (next_label, (nfrom, nto)) = match &spec.period {
        Some(p) => {
            let next = p.next();
            (next.label.clone(), (next.from, next.to))
        }
        None => {
            let (a, b) = period::following(from, to);
            (
                format!(
                    "{} – {}",
                    crate::text::human_date(a),
                    crate::text::human_date(b)
                ),
                (a, b),
            )
        }
    };
    let reflections = site
        .reflections
        .iter()
        .map(|&r| (r, site.view(r)))
        .filter(|(r, v)| {
            counts_as_evidence(v.private, v.draft)
                && site.dates[*r].is_some_and(|d| d >= from && d <= to)
        })
        .map(|(_, v)| v)
        .collect();
    let mut next_goals: Vec<&EntryView> = site
        .goals
        .iter()
        .map(|&g| site.view(g))
        .filter(|g| matches!(g.status, Some(GoalStatus::Active | GoalStatus::Planned)))
        .filter(|g| {
            g.due
                .as_deref()
                .and_then(|d| d.parse::<jiff::civil::Date>().ok())
                .is_some_and(|d| d >= nfrom && d <= nto)
        })
        .collect();
    sort_goals(&mut next_goals);
    ReviewCtx {
        groups,
        goals,
        reflections,
        next_label,
        next_goals,
    }
}

fn cv_ctx(site: &Site, highlights: Option<u8>) -> CvCtx<'_> {
    let per_role = highlights.map_or(DEFAULT_HIGHLIGHTS, usize::from);
    let roles = career::roles(site, per_role)
        .into_iter()
        .map(|r| CvRole {
            role: site.view(r.milestone),
            more: r.total - r.highlights.len(),
            highlights: r.highlights.iter().map(|&a| site.view(a)).collect(),
        })
        .collect();
    let skills = career::skills(site)
        .into_iter()
        .map(|s| CvSkill {
            name: s.name,
            url: &s.term.url,
            count: s.count,
        })
        .collect();
    let of = |t: MilestoneType| -> Vec<&EntryView> {
        let mut list: Vec<&EntryView> = site
            .milestones
            .iter()
            .map(|&m| site.view(m))
            .filter(|v| !v.is_role && v.milestone_type == Some(t))
            .collect();
        list.sort_by(|a, b| b.date.cmp(&a.date));
        list
    };
    CvCtx {
        roles,
        skills,
        education: of(MilestoneType::Education),
        certifications: of(MilestoneType::Certification),
        awards: of(MilestoneType::Award),
        highlights: per_role,
    }
}
