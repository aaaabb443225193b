//! The road ahead in the wide layout: right of "now", the trunk runs on
//! along the time axis to the north star at the right edge, and the other
//! routes branch off below it, each in a lane of its own, turning up into
//! the goal they serve. Each goal's name sits under its mark, in the band
//! below its lane's line; the hard part is giving every name room there
//! ([`pack_band`]), which is why a goal whose name does not fit before the
//! next mark of its lane is given a lane of its own.

use jiff::civil::Date;

use super::day_number;
use super::road::{AheadScale, Road, RouteTree, Step, branch_lanes, space_steps};
use crate::charts::svg::{
    Anchor, Chart, ChartLink, FONT, Label, Rect, Shape, fit_text, text_width, wrap_text,
};
use crate::model::entry::GoalStatus;

/// The least distance from one lane's line to the next; more when the
/// names in between take more lines.
const MIN_PITCH: f64 = 40.0;
/// Most lines a title takes.
const MAX_LINES: usize = 3;
/// From now to the first place a goal can sit: room for the fork.
const FORK: f64 = 34.0;
/// The fork's spine, right of the now line.
const SPINE: f64 = 10.0;
const MARK_R: f64 = 6.5;
pub(super) const STAR_R: f64 = 8.5;
/// Least distance between a step and the step it leads to.
const MIN_STEP: f64 = 26.0;
/// The 45° turn of a route into another lane.
const TURN: f64 = 10.0;
/// Room kept between two names in a band.
const GAP: f64 = 12.0;
/// Longest name on one line, and the width of a wrapped one.
const MAX_ONE: f64 = 230.0;
const MAX_WRAPPED: f64 = 180.0;
const META: f64 = 11.0;
/// A name's first baseline below its lane's line, and its line height.
const FIRST_LINE: f64 = 21.0;
const LINE_H: f64 = 14.0;

/// Where a day after today falls: `x_first` the day after, `x_last` the
/// latest goal.
#[derive(Debug, Clone, Copy)]
pub(super) struct AheadMap {
    pub(super) today: f64,
    pub(super) x_first: f64,
    pub(super) x_last: f64,
    pub(super) scale: AheadScale,
}

impl AheadMap {
    pub(super) fn x(&self, day: f64) -> f64 {
        self.x_first + self.scale.frac(day - self.today).min(1.0) * (self.x_last - self.x_first)
    }
}

/// A goal's name as laid out in its band.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Packed {
    /// Its left edge.
    pub(super) x0: f64,
    pub(super) lines: Vec<String>,
    pub(super) meta: String,
    pub(super) width: f64,
    /// Shortened to fit: the tooltip and the list have it whole.
    pub(super) cramped: bool,
}

/// One name to place: the mark's x, the title and the line beneath it.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(super) x: f64,
    pub(super) title: String,
    pub(super) meta: String,
}

fn lines_width(lines: &[String], meta: &str) -> f64 {
    lines
        .iter()
        .map(|l| text_width(l, FONT, false))
        .fold(text_width(meta, META, false), f64::max)
}

/// The title in `avail` units: one line if it fits, else up to
/// `MAX_LINES`, shortened if even those do not hold it. Returns the lines
/// and whether it was cut.
fn shape_title(title: &str, avail: f64) -> (Vec<String>, bool) {
    if text_width(title, FONT, false) <= avail.min(MAX_ONE) {
        return (vec![title.to_string()], false);
    }
    let lines = wrap_text(title, avail.min(MAX_WRAPPED), FONT, false, MAX_LINES);
    let cut = lines.join(" ") != title.split_whitespace().collect::<Vec<_>>().join(" ");
    (lines, cut)
}

/// Lays out the names of one band, left to right. Each name hangs under
/// its mark (starting just left of it), or moves left when the room to
/// the right is short; it never reaches the next mark of the band, an
/// obstacle (a route crossing the band, as `(x0, x1)`), nor `left` and
/// `right`. Where the room is too small it wraps, then shortens, unless
/// it fits whole just left of the route rising into its own mark.
pub(super) fn pack_band(
    items: &[Item],
    obstacles: &[(f64, f64)],
    left: f64,
    right: f64,
) -> Vec<Packed> {
    let mut out: Vec<Packed> = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        let start_lo = out.last().map_or(left, |p| p.x0 + p.width + GAP);
        let mut lo = start_lo;
        let mut hi = right;
        // The route rising into this mark, if one does.
        let mut own: Option<(f64, f64)> = None;
        for &(a, b) in obstacles {
            if a < it.x {
                lo = lo.max(b + 2.0);
                if b >= it.x {
                    own = Some((a, b));
                }
            } else {
                hi = hi.min(a - 2.0);
            }
        }
        if let Some(next) = items.get(i + 1) {
            hi = hi.min(next.x - 6.0 - GAP);
        }
        // Under the mark first; with all the room there is when that cuts.
        let start = lo.max(it.x - 6.0);
        let (mut lines, mut cut) = shape_title(&it.title, hi - start);
        let mut x0 = start;
        let mut width = lines_width(&lines, &it.meta);
        if cut || start + width > hi {
            let (l2, c2) = shape_title(&it.title, hi - lo);
            let w2 = lines_width(&l2, &it.meta);
            if !c2 || w2 < width {
                (lines, cut, width) = (l2, c2, w2);
                x0 = lo.max((hi - width).min(it.x - 6.0));
            }
        }
        if let Some((a, _)) = own.filter(|_| cut || x0 + width > hi) {
            // Left of the rising route, ending close to it.
            let end = a - 2.0;
            let from = obstacles
                .iter()
                .filter(|o| o.1 < a)
                .fold(start_lo, |l, o| l.max(o.1 + 2.0));
            let (l3, c3) = shape_title(&it.title, end - from);
            let w3 = lines_width(&l3, &it.meta);
            if !c3 && from + w3 <= end {
                (lines, cut, width) = (l3, false, w3);
                x0 = end - width;
                hi = end;
            }
        }
        let mut meta = it.meta.clone();
        if x0 + width > hi {
            let room = (hi - x0).max(0.0);
            lines = lines
                .iter()
                .map(|l| fit_text(l, room, FONT, false))
                .collect();
            meta = fit_text(&meta, room, META, false);
            width = lines_width(&lines, &meta);
            cut = true;
        }
        out.push(Packed {
            x0,
            lines,
            meta,
            width,
            cramped: cut,
        });
    }
    out
}

/// The road ahead laid out: each node's place and lane, and each name.
pub(super) struct RoadPlan<'a> {
    road: &'a Road,
    tree: RouteTree,
    pub(super) map: AheadMap,
    nx: f64,
    x: Vec<f64>,
    lane: Vec<usize>,
    pub(super) lanes: usize,
    /// How far below the axis each lane's line runs.
    lane_y: Vec<f64>,
    /// Per node (the star included when it is not a goal): its name.
    names: Vec<Option<Packed>>,
}

impl<'a> RoadPlan<'a> {
    /// The road from `nx` (now) to `right` (the chart's right margin).
    pub(super) fn new(road: &'a Road, today: Date, nx: f64, right: f64) -> RoadPlan<'a> {
        let tree = road.tree();
        let n = road.ahead.len();
        let star_x = right - STAR_R - 4.0;
        let separate_star = tree.star == Some(n);
        let x_first = nx + FORK;
        // The latest goal leaves room for its name (the star's name is
        // above the axis).
        let x_last = if separate_star {
            star_x - 120.0
        } else if tree.star.is_some() {
            star_x
        } else {
            right - 130.0
        };
        let t = day_number(today);
        let map = AheadMap {
            today: t,
            x_first,
            x_last: x_last.max(x_first + 1.0),
            scale: road.scale_from(today),
        };
        let mut want: Vec<f64> = road
            .ahead
            .iter()
            .map(|s| map.x(day_number(s.date)))
            .collect();
        if let Some(s) = tree.star {
            if s == n {
                want.push(star_x);
            } else {
                want[s] = star_x;
            }
        }
        let x = space_steps(&tree, &want, x_first, star_x.max(x_first), MIN_STEP);
        let mut plan = RoadPlan {
            road,
            tree,
            map,
            nx,
            x,
            lane: Vec::new(),
            lanes: 0,
            lane_y: Vec::new(),
            names: Vec::new(),
        };
        // Give a lane of its own to each first step whose name is cut
        // short by the next mark of its lane (even on three lines), until
        // none is.
        let mut split = vec![false; plan.tree.len()];
        for _ in 0..=plan.tree.len() {
            (plan.lane, plan.lanes) = branch_lanes(&plan.tree, &split);
            plan.names = plan.pack(right);
            let mut more = false;
            for (i, split) in split.iter_mut().enumerate() {
                let cramped = plan.names[i].as_ref().is_some_and(|p| p.cramped);
                if let Some(p) = plan.tree.parent[i]
                    && cramped
                    && !*split
                    && plan.lane[p] == plan.lane[i]
                {
                    *split = true;
                    more = true;
                }
            }
            if !more {
                break;
            }
        }
        // Each band as deep as its names.
        plan.lane_y = vec![0.0; plan.lanes];
        for k in 1..plan.lanes {
            plan.lane_y[k] = plan.lane_y[k - 1] + plan.band_depth(k - 1).max(MIN_PITCH);
        }
        plan
    }

    /// From band `k`'s line to below its deepest name, and room for the
    /// next line's marks.
    fn band_depth(&self, k: usize) -> f64 {
        let lines = (0..self.tree.len())
            .filter(|&i| self.lane[i] == k)
            .filter_map(|i| self.names[i].as_ref())
            .map(|p| p.lines.len())
            .max();
        match lines {
            // Lines, the meta line, and a mark's radius with air.
            Some(n) => FIRST_LINE + n as f64 * LINE_H + 1.0 + 4.0 + MARK_R + 3.0,
            None => MARK_R + 12.0,
        }
    }

    fn step(&self, i: usize) -> Option<&Step> {
        self.road.ahead.get(i)
    }

    fn is_star(&self, i: usize) -> bool {
        self.tree.star == Some(i)
    }

    /// The routes that cross each band (the space below a lane's line) as
    /// x ranges: a route turning up into a goal in a lane above crosses
    /// every band between, and the fork at now crosses all but the last.
    fn obstacles(&self) -> Vec<Vec<(f64, f64)>> {
        let mut out = vec![Vec::new(); self.lanes];
        for (i, p) in self.tree.parent.iter().enumerate() {
            let Some(p) = *p else { continue };
            let (lp, li) = (self.lane[p], self.lane[i]);
            for (k, band) in out.iter_mut().enumerate().take(li).skip(lp) {
                // The turn is in the band just above the child's lane;
                // above it the route is a vertical line.
                let turn = if k + 1 == li { TURN } else { 0.0 };
                band.push((self.x[p] - turn - 3.0, self.x[p] + 3.0));
            }
        }
        if self.lanes > 1 {
            let spine = (self.nx - 2.0, self.nx + 2.0 * SPINE + 2.0);
            let last_leaf_lane = (0..self.tree.len())
                .filter(|&i| self.is_leaf(i))
                .map(|i| self.lane[i])
                .max()
                .unwrap_or(0);
            for band in out.iter_mut().take(last_leaf_lane) {
                band.push(spine);
            }
        }
        out
    }

    fn is_leaf(&self, i: usize) -> bool {
        !self.tree.parent.contains(&Some(i))
    }

    /// Every goal's name, band by band. The star's name is above the axis
    /// (see `star_lines`), not in a band.
    fn pack(&self, right: f64) -> Vec<Option<Packed>> {
        let obstacles = self.obstacles();
        let mut names = vec![None; self.tree.len()];
        for (k, obs) in obstacles.iter().enumerate() {
            let mut nodes: Vec<usize> = (0..self.tree.len())
                .filter(|&i| self.lane[i] == k && !self.is_star(i))
                .collect();
            nodes.sort_by(|&a, &b| self.x[a].total_cmp(&self.x[b]));
            let band_right = right;
            let items: Vec<Item> = nodes
                .iter()
                .filter_map(|&i| {
                    let s = self.step(i)?;
                    Some(Item {
                        x: self.x[i],
                        title: s.title.clone(),
                        meta: s.meta(),
                    })
                })
                .collect();
            for (&i, p) in nodes
                .iter()
                .zip(pack_band(&items, obs, self.nx + 4.0, band_right))
            {
                names[i] = Some(p);
            }
        }
        names
    }

    /// How far below the axis the road reaches.
    pub(super) fn depth(&self) -> f64 {
        let last = self.lanes.saturating_sub(1);
        self.lane_y.get(last).copied().unwrap_or(0.0) + self.band_depth(last) - MARK_R
    }

    /// Where the star sits, if there is one.
    pub(super) fn star_x(&self) -> Option<f64> {
        self.tree.star.map(|s| self.x[s])
    }

    /// The star's name, to be set above the axis at the right edge: the
    /// north star's words (wrapped to two lines at most), then a caption.
    pub(super) fn star_lines(&self) -> Vec<(String, f64, bool, &'static str)> {
        let Some(star) = &self.road.star else {
            return Vec::new();
        };
        let caption = match self.road.star_goal.and_then(|g| self.step(g)) {
            Some(s) => format!("North star · {}", s.meta()),
            None => "North star".to_string(),
        };
        let mut out = vec![(caption, META, false, "jr-star-caption")];
        let name = match self.road.star_goal.and_then(|g| self.step(g)) {
            Some(s) => s.title.clone(),
            None => star.clone(),
        };
        // Upper lines first, so the caption sits nearest the star.
        for l in wrap_text(&name, 320.0, FONT, true, 2).into_iter().rev() {
            out.push((l, FONT, true, "jr-star-label"));
        }
        out
    }

    /// Draws the road under the axis at `axis_y`: routes first, then the
    /// marks and names, each goal's in a link to its page.
    pub(super) fn draw(&self, c: &mut Chart, axis_y: f64) {
        let y = |i: usize| axis_y + self.lane_y[self.lane[i]];
        // Routes: the fork from now to each first step, then each step
        // to the one it leads to.
        for i in 0..self.tree.len() {
            let class = self.route_class(i);
            if self.is_leaf(i) && !self.is_star(i) {
                let (x, yi) = (self.x[i], y(i));
                let points = if self.lane[i] == 0 {
                    vec![(self.nx, axis_y), (x - MARK_R, axis_y)]
                } else {
                    let s = self.nx + SPINE;
                    vec![
                        (self.nx, axis_y),
                        (s, axis_y + SPINE),
                        (s, yi - SPINE),
                        (s + SPINE, yi),
                        (x - MARK_R, yi),
                    ]
                };
                c.shapes.push(Shape::Path { points, class });
            } else if self.is_star(i) && self.is_leaf(i) {
                // Nothing ahead but the star: the way there from now.
                c.shapes.push(Shape::Path {
                    points: vec![(self.nx, axis_y), (self.x[i] - STAR_R, axis_y)],
                    class: "jr-route jr-route-planned".to_string(),
                });
            }
            let Some(p) = self.tree.parent[i] else {
                continue;
            };
            let class = self.route_class(i);
            let (xi, yi, xp, yp) = (self.x[i], y(i), self.x[p], y(p));
            let rp = if self.is_star(p) { STAR_R } else { MARK_R };
            let points = if self.lane[p] == self.lane[i] {
                vec![(xi + MARK_R, yi), (xp - rp, yp)]
            } else {
                vec![
                    (xi + MARK_R, yi),
                    (xp - TURN, yi),
                    (xp, yi - TURN),
                    (xp, yp + rp),
                ]
            };
            c.shapes.push(Shape::Path { points, class });
        }
        // Marks and names, in time order, so links are met in that order.
        let mut order: Vec<usize> = (0..self.tree.len()).collect();
        order.sort_by(|&a, &b| self.x[a].total_cmp(&self.x[b]));
        for i in order {
            let (x, yi) = (self.x[i], y(i));
            let first_shape = c.shapes.len();
            if self.is_star(i) {
                c.shapes.push(Shape::Polygon {
                    points: star_points(x, yi, STAR_R),
                    class: "jr-star",
                });
                // A star that is a goal wears its progress as a ring.
                if let Some(p) = self.step(i).and_then(|s| s.progress) {
                    c.shapes.push(Shape::Circle {
                        cx: x,
                        cy: yi,
                        r: STAR_R + 2.5,
                        class: "jr-star-track".to_string(),
                        title: None,
                    });
                    c.shapes.push(Shape::Ring {
                        cx: x,
                        cy: yi,
                        r: STAR_R + 2.5,
                        progress: p,
                        class: "jr-goal-ring",
                    });
                }
            } else if let Some(s) = self.step(i) {
                draw_mark(c, s, x, yi);
            }
            let first_label = c.labels.len();
            if let Some(p) = &self.names[i] {
                for (k, line) in p.lines.iter().enumerate() {
                    c.labels.push(Label {
                        text: line.clone(),
                        x: p.x0,
                        y: yi + FIRST_LINE + k as f64 * LINE_H,
                        anchor: Anchor::Start,
                        size: FONT,
                        bold: false,
                        class: "jr-goal-label",
                    });
                }
                if !p.meta.is_empty() {
                    c.labels.push(Label {
                        text: p.meta.clone(),
                        x: p.x0,
                        y: yi + FIRST_LINE + p.lines.len() as f64 * LINE_H - 1.0,
                        anchor: Anchor::Start,
                        size: META,
                        bold: false,
                        class: "jr-goal-meta",
                    });
                }
            }
            if let Some(s) = self.step(i) {
                c.links.push(ChartLink {
                    href: s.url.clone(),
                    title: s.tooltip(),
                    shapes: (first_shape..c.shapes.len()).collect(),
                    labels: (first_label..c.labels.len()).collect(),
                });
            }
        }
    }

    /// A route's look: solid from an active goal, dashed from a planned one.
    fn route_class(&self, i: usize) -> String {
        match self.step(i).map(|s| s.status) {
            Some(GoalStatus::Active) => "jr-route jr-route-active".to_string(),
            _ => "jr-route jr-route-planned".to_string(),
        }
    }
}

/// A goal's mark: a disc, and round it the share done.
pub(super) fn draw_mark(c: &mut Chart, s: &Step, x: f64, y: f64) {
    let status = match s.status {
        GoalStatus::Active => "jr-goal jr-goal-active",
        _ => "jr-goal jr-goal-planned",
    };
    c.shapes.push(Shape::Circle {
        cx: x,
        cy: y,
        r: MARK_R,
        class: status.to_string(),
        title: None,
    });
    if let Some(p) = s.progress.filter(|p| *p > 0) {
        c.shapes.push(Shape::Ring {
            cx: x,
            cy: y,
            r: MARK_R,
            progress: p,
            class: "jr-goal-ring",
        });
    }
}

/// A five-pointed star of outer radius `r` centred on (`x`, `y`).
pub(super) fn star_points(x: f64, y: f64, r: f64) -> Vec<(f64, f64)> {
    (0..10)
        .map(|k| {
            let a = std::f64::consts::PI * (f64::from(k) / 5.0 - 0.5);
            let rr = if k % 2 == 0 { r } else { r * 0.45 };
            (x + rr * a.cos(), y + rr * a.sin())
        })
        .collect()
}

/// The box of the star's mark, which no name may cover.
pub(super) fn star_box(x: f64, y: f64) -> Rect {
    Rect {
        x0: x - STAR_R,
        y0: y - STAR_R,
        x1: x + STAR_R,
        y1: y + STAR_R,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(x: f64, title: &str) -> Item {
        Item {
            x,
            title: title.to_string(),
            meta: "65% · by Dec 2026".to_string(),
        }
    }

    /// No two names of a band touch, none reaches an obstacle, the next
    /// mark or the edges, and each hangs under its own mark.
    fn faults(
        items: &[Item],
        packed: &[Packed],
        obstacles: &[(f64, f64)],
        left: f64,
        right: f64,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for (k, (it, p)) in items.iter().zip(packed).enumerate() {
            let x1 = p.x0 + p.width;
            if p.x0 < left - 1e-9 || x1 > right + 1e-9 {
                out.push(format!("{k} leaves the band: {:.1}–{x1:.1}", p.x0));
            }
            if !(p.x0 <= it.x + 8.0 && x1 >= it.x - TURN - 8.0) {
                out.push(format!("{k} is not under its mark at {:.1}", it.x));
            }
            if let Some(next) = items.get(k + 1)
                && x1 > next.x - 6.0
            {
                out.push(format!("{k} reaches the next mark"));
            }
            if let Some(q) = packed.get(k + 1)
                && x1 + GAP > q.x0 + 1e-9
            {
                out.push(format!("{k} touches {}", k + 1));
            }
            for &(a, b) in obstacles {
                if p.x0 < b && a < x1 {
                    out.push(format!("{k} covers the route at {a:.1}–{b:.1}"));
                }
            }
            if (x1 - p.x0 - lines_width(&p.lines, &p.meta)).abs() > 1e-9 {
                out.push(format!("{k}: its width is not its lines'"));
            }
        }
        out
    }

    #[test]
    fn names_in_a_band_keep_apart_and_wrap_or_shorten_only_when_they_must() {
        let items = [
            item(100.0, "Revamp platform on-call"),
            item(140.0, "Own Corvo's SLO program"),
            item(
                420.0,
                "Set the technical strategy for a platform organisation",
            ),
            item(700.0, "Become a Staff Engineer"),
        ];
        let obstacles = [(560.0, 575.0)];
        let p = pack_band(&items, &obstacles, 40.0, 988.0);
        assert_eq!(
            faults(&items, &p, &obstacles, 40.0, 988.0),
            Vec::<String>::new()
        );
        // 40 units before the next mark: too little, so it is cut and says so.
        assert!(p[0].cramped);
        // Short of room up to the obstacle: wrapped, not cut.
        assert!(p[2].lines.len() > 1, "{:?}", p[2].lines);
        assert!(!p[2].cramped);
        assert_eq!(p[2].lines.join(" "), items[2].title);
        // All the room in the world: one line, under the mark.
        assert_eq!(p[3].lines, vec!["Become a Staff Engineer".to_string()]);
        assert_eq!(p[3].x0, 694.0);

        // The last name near the right edge moves left to stay whole.
        let items = [item(970.0, "Lead a platform team")];
        let p = pack_band(&items, &[], 40.0, 988.0);
        assert_eq!(faults(&items, &p, &[], 40.0, 988.0), Vec::<String>::new());
        assert!(!p[0].cramped && p[0].x0 < 970.0 - 6.0);

        // A route turning up just left of a mark: the name starts after it.
        let items = [item(300.0, "Grow as a mentor")];
        let obstacles = [(288.0, 303.0)];
        let p = pack_band(&items, &obstacles, 40.0, 988.0);
        assert_eq!(
            faults(&items, &p, &obstacles, 40.0, 988.0),
            Vec::<String>::new()
        );
        assert_eq!(p[0].x0, 305.0);

        // No room right of that route (another rises just after): the
        // name goes whole to its left, ending by it.
        let items = [item(300.0, "Grow as a mentor")];
        let obstacles = [(288.0, 303.0), (330.0, 336.0)];
        let p = pack_band(&items, &obstacles, 40.0, 988.0);
        assert_eq!(
            faults(&items, &p, &obstacles, 40.0, 988.0),
            Vec::<String>::new()
        );
        assert!(!p[0].cramped, "{:?}", p[0]);
        assert!((p[0].x0 + p[0].width - 286.0).abs() < 1e-9, "{:?}", p[0]);
    }

    #[test]
    fn crowded_bands_never_overlap_whatever_the_spacing() {
        // Marks of one lane sit a step apart at least (see `MIN_STEP`);
        // from that to 200 units apart, names of every length.
        for spacing in [MIN_STEP, 30.0, 75.0, 140.0, 200.0] {
            let items: Vec<Item> = (0..8)
                .map(|k| {
                    item(
                        60.0 + f64::from(k) * spacing,
                        &"A goal with a long name ".repeat(1 + k as usize % 3),
                    )
                })
                .filter(|i| i.x < 980.0)
                .collect();
            let obstacles = [(500.0, 512.0)];
            let p = pack_band(&items, &obstacles, 40.0, 988.0);
            let f = faults(&items, &p, &obstacles, 40.0, 988.0);
            assert!(f.is_empty(), "spacing {spacing}: {f:?}");
            // A name is cut only where it has too little room.
            for (k, q) in p.iter().enumerate() {
                let mut end = items.get(k + 1).map_or(988.0, |n| n.x - 6.0 - GAP);
                if items[k].x < obstacles[0].0 {
                    end = end.min(obstacles[0].0 - 2.0);
                }
                let room = end - (items[k].x - 6.0);
                assert!(
                    !q.cramped || room < MAX_WRAPPED,
                    "spacing {spacing}: {k} cut with {room} units"
                );
            }
        }
    }
}
