//! The road ahead in the narrow layout: below "now", the trunk runs on
//! down the time axis to the north star, and the other routes branch off
//! to its right, each in a lane of its own, turning back into the goal
//! they serve. Every goal's name is in the names column, level with its
//! mark: the marks are stacked down the road in time order, each at its
//! date on the road's shrinking scale or lower where the names above need
//! the room ([`stack_steps`]), and the years ahead are drawn between them.

use jiff::civil::Date;

use super::day_number;
use super::road::{Road, RouteTree, Step, branch_lanes, space_steps};
use super::wide_road::{draw_mark, star_points};
use crate::charts::svg::{Anchor, Chart, ChartLink, FONT, Label, Rect, Segment, Shape, wrap_text};
use crate::model::entry::GoalStatus;

/// From one branch lane to the next, rightwards from the axis.
pub(super) const BRANCH_W: f64 = 12.0;
/// From now to the first place a goal can sit: room for the fork.
const FORK: f64 = 30.0;
const SPINE: f64 = 9.0;
const MARK_R: f64 = 6.5;
const STAR_R: f64 = 9.0;
const TURN: f64 = 9.0;
const LINE_H: f64 = 15.0;
const META: f64 = 11.0;
/// Room between one name and the next.
const NAME_GAP: f64 = 9.0;
/// The road's length per month with goals, before names push marks down.
const PER_NAME: f64 = 34.0;

/// A goal's name in the column: its lines, the line beneath, its class.
struct Name {
    lines: Vec<String>,
    meta: String,
    bold: bool,
    class: &'static str,
}

impl Name {
    fn height(&self) -> f64 {
        self.lines.len() as f64 * LINE_H + if self.meta.is_empty() { 0.0 } else { 13.0 }
    }
}

/// Puts each mark, taken in order down the road, at its wanted place or
/// just below the name before it, whichever is lower: `heights` are the
/// names' heights, a name's first line level with its mark. Returns each
/// mark's place. Pure, so the rule that no two names touch is tested
/// alone.
pub(super) fn stack_steps(want: &[f64], heights: &[f64], start: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..want.len()).collect();
    order.sort_by(|&a, &b| want[a].total_cmp(&want[b]).then(a.cmp(&b)));
    let mut at = vec![0.0; want.len()];
    let mut next_free = start;
    for i in order {
        // The first line's middle is level with the mark.
        let y = want[i].max(next_free + LINE_H / 2.0);
        at[i] = y;
        next_free = y - LINE_H / 2.0 + heights[i] + NAME_GAP;
    }
    at
}

/// The road laid out down the narrow chart.
pub(super) struct NarrowRoad<'a> {
    road: &'a Road,
    tree: RouteTree,
    lane: Vec<usize>,
    ny: f64,
    /// Per node: where its mark sits.
    y: Vec<f64>,
    names: Vec<Name>,
    /// Where the road's days fall: (day, first mark, last mark), days
    /// rising; a day with several goals spans their marks.
    knots: Vec<(f64, f64, f64)>,
}

impl<'a> NarrowRoad<'a> {
    /// How many branch lanes the road takes (right of the axis).
    pub(super) fn lanes_for(road: &Road) -> usize {
        branch_lanes(&road.tree(), &[]).1
    }

    /// The road below `ny` (now), its names `col_w` wide, the first no
    /// higher than `free` (below the past's last name).
    pub(super) fn new(
        road: &'a Road,
        today: Date,
        ny: f64,
        free: f64,
        col_w: f64,
    ) -> NarrowRoad<'a> {
        let tree = road.tree();
        let (lane, _) = branch_lanes(&tree, &[]);
        let n = road.ahead.len();
        let mut names: Vec<Name> = road
            .ahead
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if road.star_goal == Some(i) {
                    star_name(road, Some(s), col_w)
                } else {
                    Name {
                        lines: wrap_text(&s.title, col_w, FONT, false, 3),
                        meta: s.meta(),
                        bold: false,
                        class: "jr-goal-label",
                    }
                }
            })
            .collect();
        if tree.star == Some(n) {
            names.push(star_name(road, None, col_w));
        }
        // Wanted places: the road's own scale over a length that gives
        // each name room, each step before the one it leads to.
        let t = day_number(today);
        let days: Vec<f64> = road.ahead.iter().map(|s| day_number(s.date) - t).collect();
        let scale = road.scale_from(today);
        let first = ny + FORK;
        // A length for each month with goals: goals due together are
        // stacked by their names, not spread by the scale.
        let mut months: Vec<i32> = road
            .ahead
            .iter()
            .map(|s| i32::from(s.date.year()) * 12 + i32::from(s.date.month()))
            .collect();
        months.sort_unstable();
        months.dedup();
        let length = PER_NAME * months.len().max(1) as f64;
        let mut want: Vec<f64> = days
            .iter()
            .map(|&d| first + scale.frac(d) * length)
            .collect();
        if let Some(s) = tree.star {
            let end = first + length + PER_NAME;
            if s == n {
                want.push(end);
            } else {
                want[s] = end;
            }
        }
        let want = space_steps(&tree, &want, first, first + length + PER_NAME, 12.0);
        let heights: Vec<f64> = names.iter().map(Name::height).collect();
        let y = stack_steps(&want, &heights, free.max(first - LINE_H / 2.0));
        let knots = day_knots(
            t,
            ny,
            road.ahead
                .iter()
                .enumerate()
                .map(|(i, s)| (day_number(s.date), y[i])),
        );
        NarrowRoad {
            road,
            tree,
            lane,
            ny,
            y,
            names,
            knots,
        }
    }

    fn step(&self, i: usize) -> Option<&Step> {
        self.road.ahead.get(i)
    }

    fn is_star(&self, i: usize) -> bool {
        self.tree.star == Some(i)
    }

    fn is_leaf(&self, i: usize) -> bool {
        !self.tree.parent.contains(&Some(i))
    }

    fn lane_x(&self, i: usize, axis_x: f64) -> f64 {
        axis_x + self.lane[i] as f64 * BRANCH_W
    }

    /// Where a day ahead falls, between the marks; None past the last.
    pub(super) fn y_of(&self, day: f64) -> Option<f64> {
        y_between(&self.knots, day)
    }

    /// The lowest point the road reaches: the star, or its last name.
    pub(super) fn bottom(&self) -> f64 {
        (0..self.tree.len())
            .map(|i| {
                let name = self.y[i] - LINE_H / 2.0 + self.names[i].height();
                let r = if self.is_star(i) { STAR_R } else { MARK_R };
                name.max(self.y[i] + r)
            })
            .fold(self.ny, f64::max)
    }

    /// Draws the road: routes, then marks and names with their leaders,
    /// each goal's in a link to its page.
    pub(super) fn draw(&self, c: &mut Chart, axis_x: f64, col_x: f64) {
        for i in 0..self.tree.len() {
            let (x, y) = (self.lane_x(i, axis_x), self.y[i]);
            let r = if self.is_star(i) { STAR_R } else { MARK_R };
            if self.is_leaf(i) {
                let points = if self.lane[i] == 0 {
                    vec![(axis_x, self.ny), (axis_x, y - r)]
                } else {
                    let s = self.ny + SPINE;
                    vec![
                        (axis_x, self.ny),
                        (axis_x + SPINE, s),
                        (x - SPINE, s),
                        (x, s + SPINE),
                        (x, y - r),
                    ]
                };
                c.shapes.push(Shape::Path {
                    points,
                    class: self.route_class(i),
                });
            }
            let Some(p) = self.tree.parent[i] else {
                continue;
            };
            let (xp, yp) = (self.lane_x(p, axis_x), self.y[p]);
            let rp = if self.is_star(p) { STAR_R } else { MARK_R };
            let points = if self.lane[p] == self.lane[i] {
                vec![(x, y + r), (xp, yp - rp)]
            } else {
                vec![(x, y + r), (x, yp - TURN), (x - TURN, yp), (xp + rp, yp)]
            };
            c.shapes.push(Shape::Path {
                points,
                class: self.route_class(i),
            });
        }
        for i in 0..self.tree.len() {
            let (x, y) = (self.lane_x(i, axis_x), self.y[i]);
            let first_shape = c.shapes.len();
            if self.is_star(i) {
                c.shapes.push(Shape::Polygon {
                    points: star_points(x, y, STAR_R),
                    class: "jr-star",
                });
                if let Some(p) = self.step(i).and_then(|s| s.progress) {
                    c.shapes.push(Shape::Circle {
                        cx: x,
                        cy: y,
                        r: STAR_R + 2.5,
                        class: "jr-star-track".to_string(),
                        title: None,
                    });
                    c.shapes.push(Shape::Ring {
                        cx: x,
                        cy: y,
                        r: STAR_R + 2.5,
                        progress: p,
                        class: "jr-goal-ring",
                    });
                }
                c.keep_out.push(Rect {
                    x0: x - STAR_R,
                    y0: y - STAR_R,
                    x1: x + STAR_R,
                    y1: y + STAR_R,
                });
            } else if let Some(s) = self.step(i) {
                draw_mark(c, s, x, y);
            }
            let nm = &self.names[i];
            let first_label = c.labels.len();
            let top = y - LINE_H / 2.0;
            for (k, line) in nm.lines.iter().enumerate() {
                c.labels.push(Label {
                    text: line.clone(),
                    x: col_x,
                    y: top + 11.0 + k as f64 * LINE_H,
                    anchor: Anchor::Start,
                    size: FONT,
                    bold: nm.bold,
                    class: nm.class,
                });
            }
            if !nm.meta.is_empty() {
                c.labels.push(Label {
                    text: nm.meta.clone(),
                    x: col_x,
                    y: top + 10.0 + nm.lines.len() as f64 * LINE_H,
                    anchor: Anchor::Start,
                    size: META,
                    bold: false,
                    class: if self.is_star(i) {
                        "jr-star-caption"
                    } else {
                        "jr-goal-meta"
                    },
                });
            }
            if first_label < c.labels.len() {
                let r = if self.is_star(i) { STAR_R } else { MARK_R };
                c.leaders.push((
                    Segment {
                        x1: x + r + 2.0,
                        y1: y,
                        x2: col_x - 4.0,
                        y2: y,
                    },
                    first_label,
                ));
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

/// The road's days and where they fall, from (`today`, `ny`) and each
/// goal's (day, mark): days rising, each with its first and last mark. A
/// mark above one of an earlier day (a goal drawn before a goal it serves
/// though due later) is left out, so the days fall in order.
fn day_knots(today: f64, ny: f64, marks: impl Iterator<Item = (f64, f64)>) -> Vec<(f64, f64, f64)> {
    let mut marks: Vec<(f64, f64)> = marks.collect();
    marks.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut knots = vec![(today, ny, ny)];
    for (d, y) in marks {
        match knots.last_mut() {
            Some(k) if (k.0 - d).abs() < 0.5 => k.2 = k.2.max(y),
            Some(k) if d > k.0 && y > k.2 => knots.push((d, y, y)),
            _ => {}
        }
    }
    knots
}

/// Where `day` falls: between one day's last mark and the next day's
/// first; None past the last day.
fn y_between(knots: &[(f64, f64, f64)], day: f64) -> Option<f64> {
    knots.windows(2).find_map(|w| {
        let ((d0, _, y0), (d1, y1, _)) = (w[0], w[1]);
        (day >= d0 && day <= d1).then(|| y0 + (day - d0) / (d1 - d0) * (y1 - y0))
    })
}

/// The north star's name: its words in bold, and a caption (with the
/// goal's progress when the star is a goal).
fn star_name(road: &Road, goal: Option<&Step>, col_w: f64) -> Name {
    let words = goal.map_or_else(
        || road.star.clone().unwrap_or_default(),
        |s| s.title.clone(),
    );
    Name {
        lines: wrap_text(&words, col_w, FONT, true, 3),
        meta: match goal {
            Some(s) => format!("North star · {}", s.meta()),
            None => "North star".to_string(),
        },
        bold: true,
        class: "jr-star-label",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_marks_keep_their_order_and_their_names_never_touch() {
        // Four on one spot, one a little later, one far later.
        let want = [100.0, 100.0, 100.0, 104.0, 100.0, 400.0];
        let heights = [43.0, 28.0, 58.0, 28.0, 13.0, 28.0];
        let at = stack_steps(&want, &heights, 60.0);
        let mut order: Vec<usize> = (0..want.len()).collect();
        order.sort_by(|&a, &b| at[a].total_cmp(&at[b]));
        for w in order.windows(2) {
            let (a, b) = (w[0], w[1]);
            assert!(want[a] <= want[b], "order kept: {a} before {b}");
            let a_bottom = at[a] - LINE_H / 2.0 + heights[a];
            assert!(
                at[b] - LINE_H / 2.0 >= a_bottom + NAME_GAP - 1e-9,
                "{a} and {b} touch"
            );
        }
        for (i, (&a, &w)) in at.iter().zip(&want).enumerate() {
            assert!(a >= w, "{i} moved up");
        }
        assert_eq!(at[0], 100.0, "the first keeps its place");
        assert_eq!(at[5], 400.0, "one far later keeps its place");
        // Nothing above `start`.
        let at = stack_steps(&[10.0], &[28.0], 60.0);
        assert_eq!(at[0], 60.0 + LINE_H / 2.0);
    }

    #[test]
    fn years_ahead_fall_between_the_marks_of_the_days_around_them() {
        // Now (day 0) at 100; three goals on day 50 at 130, 170 and 210;
        // one on day 150 at 260; one drawn before the goal it serves
        // though due later (day 400 at 240), which is left out.
        let marks = [
            (50.0, 170.0),
            (150.0, 260.0),
            (50.0, 130.0),
            (50.0, 210.0),
            (400.0, 240.0),
        ];
        let knots = day_knots(0.0, 100.0, marks.into_iter());
        assert_eq!(
            knots,
            vec![
                (0.0, 100.0, 100.0),
                (50.0, 130.0, 210.0),
                (150.0, 260.0, 260.0)
            ]
        );
        // Before day 50: above all three of its goals.
        let y = y_between(&knots, 40.0).unwrap();
        assert!(y > 100.0 && y < 130.0, "{y}");
        // After it: below all three.
        let y = y_between(&knots, 60.0).unwrap();
        assert!(y > 210.0 && y < 260.0, "{y}");
        assert_eq!(y_between(&knots, 151.0), None, "past the last goal");
    }
}
