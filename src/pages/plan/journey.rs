//! The journey page: milestones on a timeline, achievements per quarter,
//! the current role and the goals ahead.

use jiff::civil::Date;
use serde::Serialize;

use super::goals::by_horizon;
use super::{Data, PageRef, Planned, meta, pick};
use crate::model::entry::GoalStatus;
use crate::model::site::{EntryView, Site};

#[derive(Debug, Serialize)]
pub(crate) struct QuarterCount {
    pub(crate) label: String,
    pub(crate) count: usize,
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
