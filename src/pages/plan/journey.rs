//! The journey page: milestones on a timeline, achievements per quarter,
//! the current role, and the road ahead to the north star, as a map and
//! as the list that says the same.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use super::goals::by_horizon;
use super::{Data, PageRef, Planned, meta, pick};
use crate::charts::journey::road::{Placed, Road};
use crate::model::entry::GoalStatus;
use crate::model::site::{EntryView, Site};
use crate::text::human_date;

#[derive(Debug, Serialize)]
pub(crate) struct QuarterCount {
    pub(crate) label: String,
    pub(crate) count: usize,
}

/// The goals ahead that share a month on the map, soonest first.
#[derive(Debug, Serialize)]
pub(crate) struct RoadGroup<'a> {
    /// "December 2026".
    pub(crate) label: String,
    pub(crate) steps: Vec<RoadStep<'a>>,
}

/// A goal on the road, as the map places and joins it.
#[derive(Debug, Serialize)]
pub(crate) struct RoadStep<'a> {
    pub(crate) goal: &'a EntryView,
    /// How it got its place: `due`, `horizon` (no due date: today plus
    /// its horizon) or `overdue` (still ahead, its due date passed), or
    /// `achieved`.
    pub(crate) placed: &'static str,
    /// Where the map puts it: `2026-12-31`, "31 Dec 2026".
    pub(crate) on: String,
    pub(crate) on_human: String,
    /// The goal ahead it leads to; none: the north star (or nothing).
    pub(crate) toward: Option<&'a EntryView>,
    /// How many routes lead into the same goal (or the star): more than
    /// one is a branching.
    pub(crate) routes: usize,
}

/// Which kinds of route the map draws.
#[derive(Debug, Serialize)]
pub(crate) struct RoutesDrawn {
    pub(crate) active: bool,
    pub(crate) planned: bool,
}

/// The road ahead for the page: groups of goals ahead, the goals reached
/// on the way, and the goal that is the north star itself.
fn road_rows<'a>(
    site: &'a Site,
    road: &Road,
) -> (Vec<RoadGroup<'a>>, Vec<RoadStep<'a>>, Option<&'a EntryView>) {
    let by_slug: HashMap<&str, &EntryView> = site
        .goals
        .iter()
        .map(|&n| site.view(n))
        .map(|v| (v.slug.as_str(), v))
        .collect();
    let view = |i: Option<usize>| {
        i.and_then(|i| road.ahead.get(i))
            .and_then(|s| by_slug.get(s.slug.as_str()).copied())
    };
    // Where each goal leads, the star (when it is a goal) included.
    let lead = |toward: Option<usize>, me: Option<usize>| {
        toward.or(road.star_goal.filter(|&g| Some(g) != me))
    };
    let mut into: HashMap<Option<usize>, usize> = HashMap::new();
    for (i, s) in road.ahead.iter().enumerate() {
        if Some(i) != road.star_goal {
            *into.entry(lead(s.toward, Some(i))).or_default() += 1;
        }
    }
    let step = |i: Option<usize>, s: &crate::charts::journey::road::Step| {
        let goal = by_slug.get(s.slug.as_str()).copied()?;
        let toward = lead(s.toward, i);
        Some(RoadStep {
            goal,
            placed: match s.placed {
                Placed::Due => "due",
                Placed::Horizon(_) => "horizon",
                Placed::Overdue(_) => "overdue",
                Placed::Achieved => "achieved",
            },
            on: s.date.to_string(),
            on_human: human_date(s.date),
            toward: view(toward),
            routes: into.get(&toward).copied().unwrap_or(0),
        })
    };
    let mut groups: Vec<RoadGroup> = Vec::new();
    for (i, s) in road.ahead.iter().enumerate() {
        if Some(i) == road.star_goal {
            continue;
        }
        let Some(row) = step(Some(i), s) else {
            continue;
        };
        let label = s.date.strftime("%B %Y").to_string();
        match groups.last_mut() {
            Some(g) if g.label == label => g.steps.push(row),
            _ => groups.push(RoadGroup {
                label,
                steps: vec![row],
            }),
        }
    }
    let reached = road.reached.iter().filter_map(|s| step(None, s)).collect();
    (groups, reached, view(road.star_goal))
}

/// The current role: the latest role milestone that has started and not ended.
pub(crate) fn current_role(site: &Site) -> Option<&EntryView> {
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

pub(super) fn plan_journey(site: &Site, file: String) -> Planned<'_> {
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
    let (road, reached, star_goal) = road_rows(site, &timeline.road);
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
            road,
            reached,
            star_goal,
            road_shrinks: timeline.road_shrinks,
            // Which routes the map draws, for its key: solid from active
            // goals, dashed from planned ones (and from now to a star
            // with no goal before it).
            routes_drawn: RoutesDrawn {
                active: timeline
                    .road
                    .ahead
                    .iter()
                    .any(|s| s.status == GoalStatus::Active),
                planned: timeline
                    .road
                    .ahead
                    .iter()
                    .any(|s| s.status == GoalStatus::Planned)
                    || (timeline.road.ahead.is_empty() && timeline.road.star.is_some()),
            },
        },
        sitemap: Some(None),
        seal: None,
    }
}
