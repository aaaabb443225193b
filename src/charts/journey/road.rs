//! The road ahead on the journey map: the public goals still to reach,
//! each at its due date (else today plus its horizon), joined along its
//! `parent` chain and ending at the north star; and the goals already
//! reached, which sit on the past side. Both layouts draw it from this
//! model with the placement rules here, each a pure function: where a day
//! ahead falls ([`AheadScale`]), which lane each route takes
//! ([`branch_lanes`]), and how far apart a route's steps must sit so that
//! each leads on to the next ([`space_steps`]).

use std::collections::HashMap;

use jiff::Span;
use jiff::civil::Date;

use super::{day_number, private_mark};
use crate::model::entry::GoalStatus;
use crate::model::site::{EntryView, Site};

/// How a goal got its place on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placed {
    /// At its `due` date.
    Due,
    /// No `due`: today plus its horizon (the horizon's label, "3 years").
    Horizon(&'static str),
    /// Still to reach though its `due` date (kept here) has passed: at today.
    Overdue(Date),
    /// Reached: at `achieved_on`.
    Achieved,
}

/// One goal on the map.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Step {
    pub(crate) slug: String,
    /// Its title, marked "(private)" in `serve --private`.
    pub(crate) title: String,
    pub(crate) url: String,
    /// Where it sits on the time axis.
    pub(crate) date: Date,
    pub(crate) placed: Placed,
    pub(crate) status: GoalStatus,
    pub(crate) progress: Option<u8>,
    /// The goal ahead it leads to (an index into [`Road::ahead`]): the
    /// nearest one up its `parent` chain, skipping goals reached, paused or
    /// dropped. None: it leads straight to the north star.
    pub(crate) toward: Option<usize>,
}

impl Step {
    /// "65% · Dec 2026": its progress and when it is due, short enough
    /// for the chart.
    pub(crate) fn meta(&self) -> String {
        let when = match self.placed {
            Placed::Due => self.date.strftime("%b %Y").to_string(),
            Placed::Horizon(h) => format!("in {h}"),
            Placed::Overdue(_) => "overdue".to_string(),
            Placed::Achieved => format!("reached {}", self.date.strftime("%b %Y")),
        };
        match self.progress {
            Some(p) if self.placed != Placed::Achieved => format!("{p}% · {when}"),
            _ => when,
        }
    }

    /// The full name and facts, for the mark's tooltip and its link.
    pub(crate) fn tooltip(&self) -> String {
        let when = match self.placed {
            Placed::Due => format!("due {}", crate::text::human_date(self.date)),
            Placed::Horizon(h) => format!("within {h} (no due date)"),
            Placed::Overdue(d) => format!("was due {}", crate::text::human_date(d)),
            Placed::Achieved => format!("reached {}", crate::text::human_date(self.date)),
        };
        let progress = match (self.placed, self.progress) {
            (Placed::Achieved, _) | (_, None) => String::new(),
            (_, Some(p)) => format!(", {p}% done"),
        };
        format!(
            "{} ({}, {when}{progress})",
            self.title,
            status_word(self.status)
        )
    }
}

fn status_word(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::Active => "active",
        GoalStatus::Planned => "planned",
        GoalStatus::Achieved => "achieved",
        GoalStatus::Paused => "paused",
        GoalStatus::Dropped => "dropped",
    }
}

/// The road ahead, as the site's audience may see it.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Road {
    /// Planned and active goals, soonest first.
    pub(crate) ahead: Vec<Step>,
    /// Achieved goals with a date, oldest first; `toward` points into
    /// `ahead` too.
    pub(crate) reached: Vec<Step>,
    /// The config's `north_star`.
    pub(crate) star: Option<String>,
    /// The goal ahead that is the north star itself: a goal leading
    /// nowhere further whose title is the north star's words.
    pub(crate) star_goal: Option<usize>,
}

/// The day `horizon` (a goal's `horizon` code) from `today`.
fn after_horizon(today: Date, horizon: &str) -> Option<Date> {
    let span = match horizon {
        "30d" => Span::new().days(30),
        "3m" => Span::new().months(3),
        "6m" => Span::new().months(6),
        "1y" => Span::new().years(1),
        "3y" => Span::new().years(3),
        "5y" => Span::new().years(5),
        "10y" => Span::new().years(10),
        _ => return None,
    };
    Some(today.saturating_add(span))
}

/// Words compared without case, spacing or punctuation: a goal titled
/// "Lead a platform team at a product company." is that north star.
fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

impl Road {
    pub(crate) fn from_site(site: &Site) -> Road {
        let goals: Vec<&EntryView> = site.goals.iter().map(|&n| site.view(n)).collect();
        Road::from_goals(&goals, site.today, site.config.north_star.as_deref())
    }

    /// The road from the visible goals' views.
    pub(crate) fn from_goals(goals: &[&EntryView], today: Date, star: Option<&str>) -> Road {
        let parse = |s: &Option<String>| s.as_deref().and_then(|d| d.parse::<Date>().ok());
        let step = |g: &EntryView, date: Date, placed: Placed| Step {
            slug: g.slug.clone(),
            title: private_mark(g.title.clone(), g.private),
            url: g.url.clone(),
            date,
            placed,
            status: g.status.unwrap_or(GoalStatus::Active),
            progress: g.progress,
            toward: None,
        };
        let mut ahead = Vec::new();
        let mut reached = Vec::new();
        for g in goals {
            match g.status {
                Some(GoalStatus::Active | GoalStatus::Planned) => {
                    let placed = match (parse(&g.due), g.horizon) {
                        (Some(due), _) if due < today => Some((today, Placed::Overdue(due))),
                        (Some(due), _) => Some((due, Placed::Due)),
                        (None, Some(h)) => after_horizon(today, h)
                            .map(|d| (d, Placed::Horizon(g.horizon_label.unwrap_or(h)))),
                        (None, None) => None,
                    };
                    if let Some((date, placed)) = placed {
                        ahead.push((step(g, date, placed), *g));
                    }
                }
                Some(GoalStatus::Achieved) => {
                    let on =
                        parse(&g.achieved_on).or_else(|| parse(&g.due).filter(|d| *d <= today));
                    if let Some(on) = on {
                        reached.push((step(g, on.min(today), Placed::Achieved), *g));
                    }
                }
                _ => {}
            }
        }
        let order = |a: &(Step, &EntryView), b: &(Step, &EntryView)| {
            (a.0.date, &a.0.title, &a.0.slug).cmp(&(b.0.date, &b.0.title, &b.0.slug))
        };
        ahead.sort_by(order);
        reached.sort_by(order);

        // Each goal leads to the nearest goal ahead up its parent chain.
        let by_slug: HashMap<&str, &EntryView> =
            goals.iter().map(|g| (g.slug.as_str(), *g)).collect();
        let index: HashMap<&str, usize> = ahead
            .iter()
            .enumerate()
            .map(|(i, (s, _))| (s.slug.as_str(), i))
            .collect();
        let toward = |g: &EntryView| -> Option<usize> {
            let mut at = g.parent.as_ref().map(|p| p.slug.clone());
            // Parents cannot loop (that is an error), but a bound costs nothing.
            for _ in 0..64 {
                let slug = at?;
                if let Some(&i) = index.get(slug.as_str()) {
                    return Some(i);
                }
                at = by_slug
                    .get(slug.as_str())
                    .and_then(|p| p.parent.as_ref().map(|r| r.slug.clone()));
            }
            None
        };
        let mut road = Road {
            ahead: ahead
                .iter()
                .map(|(s, g)| Step {
                    toward: toward(g),
                    ..s.clone()
                })
                .collect(),
            reached: reached
                .iter()
                .map(|(s, g)| Step {
                    toward: toward(g),
                    ..s.clone()
                })
                .collect(),
            star: star.map(str::to_string).filter(|s| !s.trim().is_empty()),
            star_goal: None,
        };
        // A goal that would lead to itself (a loop the build reports) leads
        // nowhere instead.
        for i in 0..road.ahead.len() {
            if road.ahead[i].toward == Some(i) {
                road.ahead[i].toward = None;
            }
        }
        if let Some(star) = &road.star {
            road.star_goal = road
                .ahead
                .iter()
                .enumerate()
                .rev()
                .find(|(_, s)| s.toward.is_none() && same_words(&s.title, star))
                .map(|(i, _)| i);
        }
        road
    }

    /// The scale the road is drawn at, from today.
    pub(crate) fn scale_from(&self, today: Date) -> AheadScale {
        let t = day_number(today);
        let days: Vec<f64> = self.ahead.iter().map(|s| day_number(s.date) - t).collect();
        AheadScale::fit(&days)
    }

    /// Whether there is anything ahead to draw: a goal, or the north star.
    pub(crate) fn is_drawn(&self) -> bool {
        !self.ahead.is_empty() || self.star.is_some()
    }

    /// The routes as a tree: the goals ahead are nodes `0..ahead.len()`,
    /// and a north star that is not itself a goal is one more node after
    /// them.
    pub(crate) fn tree(&self) -> RouteTree {
        let n = self.ahead.len();
        let star = match (&self.star, self.star_goal) {
            (_, Some(g)) => Some(g),
            (Some(_), None) => Some(n),
            (None, None) => None,
        };
        let mut parent: Vec<Option<usize>> = self
            .ahead
            .iter()
            .enumerate()
            .map(|(i, s)| s.toward.or(star.filter(|&g| g != i)))
            .collect();
        if star == Some(n) {
            parent.push(None);
        }
        // Follow each chain once more: a loop (an error elsewhere) is cut.
        for i in 0..parent.len() {
            let mut at = parent[i];
            for _ in 0..=parent.len() {
                match at {
                    Some(p) if p == i => {
                        parent[i] = None;
                        break;
                    }
                    Some(p) => at = parent[p],
                    None => break,
                }
            }
        }
        let mut days: Vec<f64> = self.ahead.iter().map(|s| day_number(s.date)).collect();
        let active: Vec<bool> = self
            .ahead
            .iter()
            .map(|s| s.status == GoalStatus::Active)
            .collect();
        let mut active = active;
        if star == Some(n) {
            days.push(days.iter().copied().fold(f64::NEG_INFINITY, f64::max));
            active.push(false);
        }
        RouteTree {
            parent,
            days,
            active,
            star,
        }
    }
}

/// The routes ahead: each node's parent (where its route leads), its day
/// and whether it is active. The star, when there is one, is the root of
/// every route.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RouteTree {
    pub(crate) parent: Vec<Option<usize>>,
    pub(crate) days: Vec<f64>,
    pub(crate) active: Vec<bool>,
    pub(crate) star: Option<usize>,
}

impl RouteTree {
    pub(crate) fn len(&self) -> usize {
        self.parent.len()
    }

    fn children(&self) -> Vec<Vec<usize>> {
        let mut kids = vec![Vec::new(); self.len()];
        for (i, p) in self.parent.iter().enumerate() {
            if let Some(p) = p {
                kids[*p].push(i);
            }
        }
        kids
    }

    fn roots(&self) -> Vec<usize> {
        (0..self.len())
            .filter(|&i| self.parent[i].is_none())
            .collect()
    }

    /// Per node: how many nodes its subtree holds, and whether an active
    /// goal is among them.
    fn subtrees(&self) -> (Vec<usize>, Vec<bool>) {
        let kids = self.children();
        let mut size = vec![0; self.len()];
        let mut active = vec![false; self.len()];
        fn walk(
            i: usize,
            kids: &[Vec<usize>],
            t: &RouteTree,
            size: &mut [usize],
            active: &mut [bool],
        ) {
            size[i] = 1;
            active[i] = t.active[i];
            for &k in &kids[i] {
                walk(k, kids, t, size, active);
                size[i] += size[k];
                active[i] |= active[k];
            }
        }
        for r in self.roots() {
            walk(r, &kids, self, &mut size, &mut active);
        }
        (size, active)
    }

    /// Each node's children, the one its route continues into first: the
    /// one whose routes hold an active goal, then the one with most steps,
    /// then the soonest.
    fn ordered_children(&self) -> Vec<Vec<usize>> {
        let (size, active) = self.subtrees();
        let mut kids = self.children();
        for k in &mut kids {
            k.sort_by(|&a, &b| {
                (!active[a], std::cmp::Reverse(size[a]), self.days[a], a)
                    .partial_cmp(&(!active[b], std::cmp::Reverse(size[b]), self.days[b], b))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        }
        kids
    }

    fn ordered_roots(&self) -> Vec<usize> {
        let (size, active) = self.subtrees();
        let mut roots = self.roots();
        // The star first: it ends the trunk.
        roots.sort_by(|&a, &b| {
            (
                Some(a) != self.star,
                !active[a],
                std::cmp::Reverse(size[a]),
                self.days[a],
                a,
            )
                .partial_cmp(&(
                    Some(b) != self.star,
                    !active[b],
                    std::cmp::Reverse(size[b]),
                    self.days[b],
                    b,
                ))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        roots
    }

    /// Per node: the longest chain of steps below it (0 for a first step)
    /// and how many steps lie above it (0 for a root).
    fn heights_and_depths(&self) -> (Vec<usize>, Vec<usize>) {
        let kids = self.children();
        let mut height = vec![0; self.len()];
        let mut depth = vec![0; self.len()];
        fn walk(
            i: usize,
            d: usize,
            kids: &[Vec<usize>],
            height: &mut [usize],
            depth: &mut [usize],
        ) {
            depth[i] = d;
            for &k in &kids[i] {
                walk(k, d + 1, kids, height, depth);
                height[i] = height[i].max(height[k] + 1);
            }
        }
        for r in self.roots() {
            walk(r, 0, &kids, &mut height, &mut depth);
        }
        (height, depth)
    }

    /// How many routes there are: one from each first step (a goal
    /// nothing leads into), the star's own when nothing leads into it.
    pub(crate) fn leaf_count(&self) -> usize {
        (0..self.len())
            .filter(|&i| !self.parent.contains(&Some(i)))
            .count()
    }

    /// The most steps on one route, the star included.
    pub(crate) fn longest_route(&self) -> usize {
        let (height, _) = self.heights_and_depths();
        self.roots()
            .iter()
            .map(|&r| height[r] + 1)
            .max()
            .unwrap_or(0)
    }

    /// Nodes in the order their routes are laid out: each node before its
    /// children, the child its route continues into first.
    pub(crate) fn preorder(&self) -> Vec<usize> {
        let kids = self.ordered_children();
        let mut out = Vec::with_capacity(self.len());
        fn walk(i: usize, kids: &[Vec<usize>], out: &mut Vec<usize>) {
            out.push(i);
            for &k in &kids[i] {
                walk(k, kids, out);
            }
        }
        for r in self.ordered_roots() {
            walk(r, &kids, &mut out);
        }
        out
    }
}

/// Branch lanes: which lane each node's mark sits in. A route keeps its
/// lane up the tree as far as it can: a node takes the lane of its first
/// child (see [`RouteTree::ordered_children`]) unless that child is marked
/// in `split` (its name needs the room a lane of its own gives), and every
/// other child opens a new lane, after all the lanes of the children
/// before it. So lane 0 is the trunk that ends at the star, and the lanes
/// of one subtree lie next to each other: no route crosses another.
/// Returns each node's lane and how many lanes there are.
pub(crate) fn branch_lanes(tree: &RouteTree, split: &[bool]) -> (Vec<usize>, usize) {
    let kids = tree.ordered_children();
    let mut lane = vec![0; tree.len()];
    let mut next = 0;
    struct Walk<'a> {
        kids: &'a [Vec<usize>],
        split: &'a [bool],
        lane: &'a mut [usize],
        next: &'a mut usize,
    }
    fn walk(i: usize, l: usize, w: &mut Walk) {
        w.lane[i] = l;
        let mut continued = false;
        for &c in &w.kids[i] {
            if !continued && !w.split.get(c).copied().unwrap_or(false) {
                continued = true;
                walk(c, l, w);
            } else {
                *w.next += 1;
                let l = *w.next;
                walk(c, l, w);
            }
        }
    }
    let mut w = Walk {
        kids: &kids,
        split,
        lane: &mut lane,
        next: &mut next,
    };
    for (k, r) in tree.ordered_roots().into_iter().enumerate() {
        if k > 0 {
            *w.next += 1;
        }
        let l = *w.next;
        walk(r, l, &mut w);
    }
    let count = if tree.len() == 0 { 0 } else { next + 1 };
    (lane, count)
}

/// Moves the marks along the time axis, from `want`, just enough that
/// every step sits at least `gap` before the step it leads to (so each
/// route runs forward, with room to turn into the next lane), all within
/// `lo..=hi`. A goal due after the goal it serves sits just before it.
/// The gap shrinks when a route has more steps than fit.
pub(crate) fn space_steps(tree: &RouteTree, want: &[f64], lo: f64, hi: f64, gap: f64) -> Vec<f64> {
    let (height, depth) = tree.heights_and_depths();
    let longest = tree.longest_route().max(1) as f64;
    let gap = gap.min((hi - lo) / (longest - 1.0).max(1.0));
    // A node with h steps below it can sit no nearer than h gaps from lo,
    // one with d steps above it no nearer than d gaps from hi; then each
    // node is kept a gap before its parent, roots first.
    let mut x: Vec<f64> = (0..tree.len())
        .map(|i| {
            let floor = lo + gap * height[i] as f64;
            let ceil = (hi - gap * depth[i] as f64).max(floor);
            want[i].clamp(floor, ceil)
        })
        .collect();
    for i in tree.preorder() {
        if let Some(p) = tree.parent[i] {
            x[i] = x[i].min(x[p] - gap);
        }
    }
    x
}

/// Where a day ahead falls on the road, from 0 (now) to 1 (the latest
/// goal): a scale that shrinks with distance, `ln(1 + d/k) / ln(1 + D/k)`,
/// so that the next months get room beside the next ten years. The knee
/// `k` is chosen for the goals at hand: the one that keeps the two closest
/// goals furthest apart (linear when that is best, as for goals evenly
/// spread).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct AheadScale {
    /// Days from now to the latest goal (at least one).
    pub(crate) span: f64,
    /// None: linear.
    pub(crate) knee: Option<f64>,
}

impl AheadScale {
    /// Days closer together than this are one place when choosing the
    /// knee: goals due in the same month share a place whatever the scale
    /// (they are spaced by [`space_steps`] where they must be).
    const SAME: f64 = 31.0;

    pub(crate) fn fit(days_ahead: &[f64]) -> AheadScale {
        let span = days_ahead.iter().copied().fold(1.0f64, f64::max);
        let mut distinct: Vec<f64> = days_ahead.iter().map(|d| d.max(0.0)).collect();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup_by(|a, b| (*a - *b).abs() < Self::SAME);
        let closest = |s: &AheadScale| {
            distinct
                .windows(2)
                .map(|w| s.frac(w[1]) - s.frac(w[0]))
                .fold(f64::INFINITY, f64::min)
        };
        let mut best = AheadScale { span, knee: None };
        let mut best_gap = closest(&best);
        for knee in [1280.0, 640.0, 320.0, 160.0, 80.0, 40.0, 20.0, 10.0] {
            let s = AheadScale {
                span,
                knee: Some(knee),
            };
            let g = closest(&s);
            // A shrinking scale must earn its place clearly.
            if g > best_gap * 1.05 {
                best = s;
                best_gap = g;
            }
        }
        best
    }

    /// How far along the road `days` after today falls: 0 now, 1 at the
    /// latest goal.
    pub(crate) fn frac(&self, days: f64) -> f64 {
        let d = days.max(0.0);
        match self.knee {
            None => d / self.span,
            Some(k) => (1.0 + d / k).ln() / (1.0 + self.span / k).ln(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree from (parent, day, active) triples.
    fn tree(nodes: &[(Option<usize>, f64, bool)], star: Option<usize>) -> RouteTree {
        RouteTree {
            parent: nodes.iter().map(|n| n.0).collect(),
            days: nodes.iter().map(|n| n.1).collect(),
            active: nodes.iter().map(|n| n.2).collect(),
            star,
        }
    }

    #[test]
    fn days_ahead_fall_in_order_and_the_scale_spreads_the_near_ones() {
        // One, four and nineteen months ahead, five and ten years.
        let days = [30.0, 120.0, 585.0, 1864.0, 3690.0];
        let s = AheadScale::fit(&days);
        assert!(s.knee.is_some(), "near goals need a shrinking scale");
        let f: Vec<f64> = days.iter().map(|&d| s.frac(d)).collect();
        assert!(f.windows(2).all(|w| w[0] < w[1]), "{f:?}");
        assert_eq!(s.frac(0.0), 0.0);
        assert!((s.frac(3690.0) - 1.0).abs() < 1e-9);
        // The closest pair is far more apart than on a linear scale, and
        // no pair is closer than a tenth of the road.
        let linear = AheadScale {
            span: 3690.0,
            knee: None,
        };
        let gap = |s: &AheadScale| s.frac(120.0) - s.frac(30.0);
        assert!(
            gap(&s) > 4.0 * gap(&linear),
            "{} vs {}",
            gap(&s),
            gap(&linear)
        );
        assert!(f.windows(2).all(|w| w[1] - w[0] > 0.1), "{f:?}");
        // Goals in one month are one place: they do not bend the scale.
        let mut with_twin = days.to_vec();
        with_twin.push(43.0);
        assert_eq!(AheadScale::fit(&with_twin), s);

        // Goals spread evenly keep a linear scale.
        let even = AheadScale::fit(&[365.0, 730.0, 1095.0]);
        assert_eq!(even.knee, None);
        assert!((even.frac(730.0) - 2.0 / 3.0).abs() < 1e-9);
        // One goal, or goals on one day: the end of the road.
        assert!((AheadScale::fit(&[200.0]).frac(200.0) - 1.0).abs() < 1e-9);
        assert_eq!(AheadScale::fit(&[]).frac(0.0), 0.0);
    }

    #[test]
    fn siblings_branch_into_lanes_of_their_own_and_routes_never_cross() {
        // star(0) <- lead(1) <- { strategy(2) <- staff(3) <- { slos(4) <- oncall(5), packet(6), mentor(7) }, manager(8) <- team(9) }
        let t = tree(
            &[
                (None, 4000.0, false),
                (Some(0), 3690.0, true),
                (Some(1), 1864.0, false),
                (Some(2), 585.0, true),
                (Some(3), 38.0, true),
                (Some(4), 38.0, true),
                (Some(3), 25.0, true),
                (Some(3), 38.0, true),
                (Some(1), 1300.0, false),
                (Some(8), 400.0, false),
            ],
            Some(0),
        );
        let (lane, count) = branch_lanes(&t, &[]);
        // The trunk runs from the on-call goal (most steps) to the star.
        for n in [0, 1, 2, 3, 4, 5] {
            assert_eq!(lane[n], 0, "node {n} is on the trunk");
        }
        // Each other first step opens a lane; a lane holds one route.
        assert_eq!(
            (lane[6], lane[7]),
            (1, 2),
            "the staff goal's other children"
        );
        assert_eq!(
            (lane[8], lane[9]),
            (3, 3),
            "the other route to the lead goal"
        );
        assert_eq!(count, 4);
        // Every lane but the trunk joins a lower-numbered lane, and the
        // lanes of one subtree are contiguous: between a node's lane and
        // its child's lane lie only lanes of that node's earlier children.
        let order = t.preorder();
        assert_eq!(order[0], 0, "the star first");
        for (i, p) in t.parent.iter().enumerate() {
            if let Some(p) = *p {
                assert!(lane[i] >= lane[p], "node {i} joins upwards");
                for (j, q) in t.parent.iter().enumerate() {
                    // A route from another subtree in between would cross.
                    let between = lane[j] > lane[p] && lane[j] < lane[i];
                    let mut up = Some(j);
                    let mut under_p = false;
                    while let Some(u) = up {
                        under_p |= u == p;
                        up = t.parent[u];
                    }
                    assert!(
                        !between || under_p,
                        "lane of {j} lies between {p} and {i} ({q:?})"
                    );
                }
            }
        }

        // Two roots and no star: two trees, two lanes at least.
        let t = tree(
            &[
                (None, 100.0, true),
                (None, 200.0, false),
                (Some(1), 50.0, false),
            ],
            None,
        );
        let (lane, count) = branch_lanes(&t, &[]);
        assert_eq!((lane[0], lane[1], lane[2]), (0, 1, 1));
        assert_eq!(count, 2);
        assert_eq!(branch_lanes(&tree(&[], None), &[]).1, 0);
    }

    #[test]
    fn steps_on_one_day_are_spaced_so_each_route_runs_forward() {
        // star <- a <- b <- c, all wanting the same place; and d <- a due
        // after a.
        let t = tree(
            &[
                (None, 0.0, false),
                (Some(0), 0.0, true),
                (Some(1), 0.0, true),
                (Some(2), 0.0, true),
                (Some(1), 0.0, true),
            ],
            Some(0),
        );
        let want = [500.0, 300.0, 300.0, 300.0, 420.0];
        let x = space_steps(&t, &want, 100.0, 500.0, 30.0);
        assert_eq!(x[0], 500.0, "the star stays at the end");
        assert_eq!(x[1], 300.0, "the first of the day keeps its place");
        for (i, p) in t.parent.iter().enumerate() {
            if let Some(p) = *p {
                assert!(x[i] <= x[p] - 30.0 + 1e-9, "{i} before {p}: {x:?}");
            }
        }
        assert_eq!(
            x[4], 270.0,
            "a goal due after its parent sits just before it"
        );
        // Too little room: the gap shrinks, the order holds, all stay in.
        let x = space_steps(&t, &want, 100.0, 130.0, 30.0);
        for (i, p) in t.parent.iter().enumerate() {
            assert!((100.0..=130.0).contains(&x[i]), "{x:?}");
            if let Some(p) = *p {
                assert!(x[i] < x[p], "{i} before {p}: {x:?}");
            }
        }
    }

    #[test]
    fn words_match_the_north_star_whatever_their_case_and_stops() {
        assert!(same_words(
            "Lead a platform team at a product company.",
            "lead a platform team at a  product company"
        ));
        assert!(!same_words("Lead a team", "Lead a platform team"));
        assert!(!same_words("", " "));
    }
}
