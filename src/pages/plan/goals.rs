//! The goals page: goals by horizon, as a tree of sub-goals and by status;
//! and the orders goals are shown in, which the home, journey and share
//! pages use too.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Data, PageRef, Planned, meta, pick};
use crate::model::entry::{GoalStatus, Horizon};
use crate::model::site::{EntryView, Site};

#[derive(Debug, Serialize)]
pub(crate) struct HorizonGroup<'a> {
    pub(crate) code: &'static str,
    pub(crate) label: &'static str,
    pub(crate) goals: Vec<&'a EntryView>,
}

/// One goal of the goal tree, in depth-first order. Nested lists are
/// written without recursion: after a row, `open` says its sub-goals follow
/// (open a list), and `close` how many lists end after it.
#[derive(Debug, Serialize)]
pub(crate) struct TreeRow<'a> {
    pub(crate) depth: usize,
    pub(crate) goal: &'a EntryView,
    pub(crate) open: bool,
    pub(crate) close: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct StatusCount {
    pub(crate) status: GoalStatus,
    pub(crate) count: usize,
}

pub(super) fn status_rank(s: Option<GoalStatus>) -> u8 {
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
pub(super) fn horizon_rank(g: &EntryView) -> usize {
    Horizon::ALL
        .iter()
        .position(|h| Some(h.code()) == g.horizon)
        .unwrap_or(Horizon::ALL.len())
}

pub(super) fn sort_goals(goals: &mut [&EntryView]) {
    goals.sort_by(|a, b| {
        (status_rank(a.status), &a.due, &a.title).cmp(&(status_rank(b.status), &b.due, &b.title))
    });
}

pub(super) fn by_horizon<'a>(
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

pub(super) fn active_goals<'a>(goals: &[&'a EntryView]) -> Vec<&'a EntryView> {
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

/// The goal tree: root goals by horizon, each followed by its sub-goals
/// (depth first), with where each nested list opens and closes. A goal is
/// shown once, however its parents loop, and no deeper than 32 levels.
fn goal_tree<'a>(goals: &[&'a EntryView]) -> Vec<TreeRow<'a>> {
    let by_slug: HashMap<&str, &EntryView> = goals.iter().map(|g| (g.slug.as_str(), *g)).collect();
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
        by_slug: &HashMap<&str, &'a EntryView>,
        seen: &mut HashSet<*const EntryView>,
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
    let mut seen = HashSet::new();
    for r in &roots {
        walk(r, 0, &by_slug, &mut seen, &mut tree);
    }
    for i in 0..tree.len() {
        let next = tree.get(i + 1).map_or(0, |r| r.depth);
        let here = tree[i].depth;
        tree[i].open = next > here;
        tree[i].close = here.saturating_sub(next);
    }
    tree
}

pub(super) fn plan_goals(site: &Site, file: String) -> Planned<'_> {
    let goals = pick(site, &site.goals);
    let tree = goal_tree(&goals);
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
