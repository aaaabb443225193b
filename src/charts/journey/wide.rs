//! The wide timeline, 1000 units across, for screens with the room: time
//! runs left to right, milestones' names stack in rows above the axis and
//! roles sit in lanes below it; right of now, the road ahead
//! (`wide_road.rs`). Its hard part is placing those names so that none
//! touches another and no leader crosses one.

use jiff::civil::Date;

use super::wide_road::{AheadMap, RoadPlan, STAR_R, star_box};
use super::{EventPoint, JourneyData, RoleSpan, day_number, quarter_bars, role_title};
use crate::charts::svg::{
    Anchor, Chart, ChartLink, FONT, Label, Rect, Segment, Shape, fit_text, text_width,
};

const W: f64 = 1000.0;
/// Margin left and right.
const M: f64 = 12.0;
const ROW_H: f64 = 19.0;
const LANE_H: f64 = 38.0;
const BAR_BAND: f64 = 40.0;
/// Beyond this many rows of point labels, the labels are shortened.
const MAX_ROWS: usize = 14;
/// Longest point label drawn in full; the list below the chart has the rest.
const MAX_LABEL: f64 = 330.0;
/// Longest role name drawn in full.
const MAX_ROLE_LABEL: f64 = 380.0;

/// Gap between a leader and the text it points to.
const LEAD_GAP: f64 = 3.0;
/// Leaders closer than this to a label's edge count as crossing it.
const LEAD_PAD: f64 = 1.5;
/// Horizontal room kept between two labels of one row.
const ROW_GAP: f64 = 10.0;

/// The horizontal timeline, 1000 units wide: point labels in rows above the
/// axis (each tied to its point by a vertical leader), role spans in lanes
/// below it with their names above the bars, achievements per quarter as
/// bars, years at the bottom, and a "now" marker.
///
/// Labels never overlap and no leader crosses a label (see
/// `place_point_labels`). The time axis stops short of the right edge when
/// the latest labels need the room, so no label is cut; labels are
/// shortened only when milestones crowd so that the chart would grow too
/// tall.
///
/// With goals ahead or a north star, the past takes the left part of the
/// axis at a steady scale and the road the rest, up to the star at the
/// right edge, at a scale that shrinks with distance (see
/// `road::AheadScale`).
pub(crate) fn layout_wide(data: &JourneyData) -> Chart {
    let events = point_events(data);
    let (t0, t1, scale, road) = if data.road.is_drawn() {
        let (t0, t1) = data.past_and_road_range();
        let tree = data.road.tree();
        let ahead_w = (140.0 + 70.0 * tree.longest_route() as f64).clamp(220.0, 470.0);
        let nx = W - M - ahead_w;
        let road = RoadPlan::new(&data.road, data.today, nx, W - M);
        let scale = Scale {
            d0: day_number(t0),
            d1: day_number(data.today),
            axis_end: W - M,
            past_end: nx,
            ahead: Some(road.map),
        };
        (t0, t1, scale, Some(road))
    } else {
        let (t0, t1) = data.range();
        (t0, t1, Scale::new(t0, t1, W - M), None)
    };
    // Milestones' names end short of the star's column; the star's name
    // then takes the lowest rows clear of them.
    let right = road
        .as_ref()
        .and_then(RoadPlan::star_x)
        .map_or(W - M, |sx| sx - STAR_R - 6.0);
    let (scale, placing) = fit_point_labels(&events, scale, right);
    let reserved = road
        .as_ref()
        .map_or_else(Vec::new, |r| star_rows(r, &placing));
    let nx = scale.x(data.today);
    let (roles, lanes) = place_roles(data, &scale, nx, road.is_some());
    let rows = row_count(&placing).max(reserved.iter().map(|r| r.row + 1).max().unwrap_or(0));
    let f = Frame::new(rows, lanes, road.as_ref().map_or(0.0, |r| r.depth()));

    let mut c = Chart {
        width: W,
        height: f.height,
        ..Chart::default()
    };
    // Drawn in this order: later marks lie over earlier ones.
    draw_future(&mut c, &scale, nx, &f);
    draw_years(&mut c, &scale, (t0, t1), &f);
    draw_axis(&mut c, &scale, &f);
    draw_roles(&mut c, &roles, &f);
    draw_quarter_bars(&mut c, data, &scale, &f, road.is_some().then_some(nx));
    if let Some(road) = &road {
        road.draw(&mut c, f.axis_y);
        draw_star_name(&mut c, road, &reserved, &f);
    }
    draw_now(&mut c, &events, &placing, nx, &f);
    draw_points(&mut c, &events, &placing, &f);
    c
}

/// The star's name in the rows above the axis, right-aligned at the edge,
/// its caption nearest the star: in the lowest rows above every
/// milestone's name it would reach over, so that no name is covered and
/// no leader crosses it (the names end short of the star's column, so
/// the star's own leader, when the name floats higher, crosses none).
fn star_rows(road: &RoadPlan, placing: &[Placing]) -> Vec<Placing> {
    let Some(sx) = road.star_x() else {
        return Vec::new();
    };
    let lines = road.star_lines();
    let widest = lines
        .iter()
        .map(|(t, size, bold, _)| text_width(t, *size, *bold))
        .fold(0.0, f64::max);
    let x0 = W - M - widest;
    let first = placing
        .iter()
        .filter(|p| !p.text.is_empty() && p.x1 + ROW_GAP > x0 || p.px >= x0 - LEAD_PAD)
        .map(|p| p.row + 1)
        .max()
        .unwrap_or(0);
    lines
        .into_iter()
        .enumerate()
        .map(|(k, (text, size, bold, _))| {
            let w = text_width(&text, size, bold);
            Placing {
                px: sx,
                text,
                bold,
                x0: W - M - w,
                x1: W - M,
                row: first + k,
            }
        })
        .collect()
}

fn draw_star_name(c: &mut Chart, road: &RoadPlan, reserved: &[Placing], f: &Frame) {
    let Some(sx) = road.star_x() else { return };
    let first = c.labels.len();
    for ((_, size, bold, class), p) in road.star_lines().into_iter().zip(reserved) {
        c.labels.push(Label {
            text: p.text.clone(),
            x: W - M,
            y: f.row_mid(p.row) + 4.0,
            anchor: Anchor::End,
            size,
            bold,
            class,
        });
    }
    c.keep_out.push(star_box(sx, f.axis_y));
    // A name above the lowest row is tied to the star.
    if let Some(low) = reserved.first().filter(|p| p.row > 0) {
        c.leaders.push((
            Segment {
                x1: sx,
                y1: f.axis_y - STAR_R - 2.0,
                x2: sx,
                y2: f.row_mid(low.row) + 4.0 + 0.24 * 11.0 + LEAD_GAP,
            },
            first,
        ));
    }
    // The star that is a goal links to it, name and all.
    if let Some(link) = c.links.iter_mut().find(|l| {
        l.shapes
            .iter()
            .any(|&i| matches!(c.shapes[i], Shape::Polygon { .. }))
    }) {
        link.labels.extend(first..c.labels.len());
    }
}

/// Where a date falls on the axis, which runs from the margin to
/// `axis_end`: short of the right edge when the latest labels need room.
/// Days from `d0` to `d1` fall from the margin to `past_end` (the axis's
/// end, unless the road follows); later days on the road's own scale.
#[derive(Debug, Clone, Copy)]
struct Scale {
    d0: f64,
    d1: f64,
    axis_end: f64,
    past_end: f64,
    ahead: Option<AheadMap>,
}

impl Scale {
    fn new(t0: Date, t1: Date, axis_end: f64) -> Scale {
        Scale {
            d0: day_number(t0),
            d1: day_number(t1),
            axis_end,
            past_end: axis_end,
            ahead: None,
        }
    }

    /// How far through the steady part of the range `d` is, 0 to 1.
    fn frac(&self, d: Date) -> f64 {
        (day_number(d) - self.d0) / (self.d1 - self.d0)
    }

    fn x(&self, d: Date) -> f64 {
        match self.ahead {
            Some(a) if day_number(d) > self.d1 => a.x(day_number(d)),
            _ => M + self.frac(d) * (self.past_end - M),
        }
    }

    /// Units per year on the steady part.
    fn per_year(&self) -> f64 {
        365.25 / (self.d1 - self.d0) * (self.past_end - M)
    }
}

/// The chart's heights, top to bottom: rows of point labels, the axis, role
/// lanes (and beside them the road's lanes), the quarter bars' band and
/// the years under it.
struct Frame {
    axis_y: f64,
    lanes_top: f64,
    bars_base: f64,
    years_y: f64,
    height: f64,
}

impl Frame {
    /// `road`: how far below the axis the road reaches.
    fn new(rows: usize, lanes: usize, road: f64) -> Frame {
        let top = 6.0;
        let axis_y = top + rows as f64 * ROW_H + 14.0;
        let lanes_top = axis_y + 10.0;
        let lanes_bottom = lanes_top + lanes.max(1) as f64 * LANE_H;
        let bars_top = lanes_bottom + 4.0;
        // The bars stand just above the years, however deep the road.
        let bars_base = (bars_top + BAR_BAND).max(axis_y + road);
        let years_y = bars_base + 16.0;
        Frame {
            axis_y,
            lanes_top,
            bars_base,
            years_y,
            height: years_y + 8.0,
        }
    }

    /// The middle of point-label row `r`; row 0 is nearest the axis.
    fn row_mid(&self, r: usize) -> f64 {
        self.axis_y - 18.0 - r as f64 * ROW_H
    }
}

/// A point on the axis and its name.
/// A milestone, or "now" (kind `now`).
type PointEvent = EventPoint;

/// The milestones drawn as points, oldest first, and "now" among them:
/// placed like a point label, no other label can cross its line.
fn point_events(data: &JourneyData) -> Vec<PointEvent> {
    let mut events: Vec<PointEvent> = data.events.to_vec();
    events.push(PointEvent {
        date: data.today,
        label: "now".to_string(),
        kind: "now",
        url: None,
    });
    events.sort_by(|a, b| a.date.cmp(&b.date).then(a.label.cmp(&b.label)));
    events
}

/// One point label of the wide layout.
struct Placing {
    px: f64,
    text: String,
    bold: bool,
    /// The label's horizontal extent.
    x0: f64,
    x1: f64,
    row: usize,
}

fn row_count(placing: &[Placing]) -> usize {
    placing.iter().map(|p| p.row).max().unwrap_or(0) + 1
}

/// Places the point labels, shortening them step by step while they need
/// more than `MAX_ROWS` rows: a chart of many milestones would otherwise
/// grow too tall. When even the shortest need more, the try with the
/// fewest rows wins. Each try fixes the axis's end anew, since shorter
/// labels need less room at the right; with the road ahead, the axis runs
/// to the edge and a label is shortened to the room it has before
/// `right`.
fn fit_point_labels(events: &[PointEvent], full: Scale, right: f64) -> (Scale, Vec<Placing>) {
    let mut best: Option<(Scale, Vec<Placing>)> = None;
    for max_label in [MAX_LABEL, 250.0, 180.0, 130.0] {
        let room = |e: &PointEvent| match full.ahead {
            Some(_) => max_label.min(right - LEAD_GAP - full.x(e.date)).max(0.0),
            None => max_label,
        };
        let texts: Vec<(String, bool)> = events
            .iter()
            .map(|e| {
                let bold = e.kind == "now";
                (fit_text(&e.label, room(e), FONT, bold), bold)
            })
            .collect();
        let scale = if full.ahead.is_some() {
            full
        } else {
            let end = axis_end_for(events, &texts, &full);
            Scale {
                axis_end: end,
                past_end: end,
                ..full
            }
        };
        let points: Vec<(f64, String, bool)> = events
            .iter()
            .zip(texts)
            .map(|(e, (text, bold))| (scale.x(e.date), text, bold))
            .collect();
        let placing = place_point_labels(&points);
        let rows = row_count(&placing);
        if best.as_ref().is_none_or(|(_, b)| rows < row_count(b)) {
            best = Some((scale, placing));
        }
        if rows <= MAX_ROWS {
            break;
        }
    }
    best.expect("one layout is always made")
}

/// Where the axis ends so that the latest labels, which read to the right
/// of their points, still fit the chart.
fn axis_end_for(events: &[PointEvent], texts: &[(String, bool)], scale: &Scale) -> f64 {
    let mut axis_end = W - M;
    for (e, (text, bold)) in events.iter().zip(texts) {
        let f = scale.frac(e.date);
        let need = LEAD_GAP + text_width(text, FONT, *bold);
        if f > 0.0 && M + f * (axis_end - M) + need > W - M {
            axis_end = M + (W - M - need - M) / f;
        }
    }
    axis_end
}

/// Places point labels in rows above the axis. `points` are (x, text,
/// bold), sorted by x; every label reads to the right of its point.
///
/// A label that reaches over another point must sit above that point's
/// label, or that point's leader would cross it: so labels are placed from
/// the right, each in the lowest row above every label it reaches over
/// where it touches no other label. The most recent milestones sit nearest
/// the axis.
fn place_point_labels(points: &[(f64, String, bool)]) -> Vec<Placing> {
    let mut placed: Vec<Placing> = Vec::with_capacity(points.len());
    for (px, text, bold) in points.iter().rev() {
        let x0 = px + LEAD_GAP;
        let x1 = x0 + text_width(text, FONT, *bold);
        let mut row = placed
            .iter()
            .filter(|q| q.px >= x0 - LEAD_PAD && q.px <= x1 + LEAD_PAD)
            .map(|q| q.row + 1)
            .max()
            .unwrap_or(0);
        while placed
            .iter()
            .any(|q| q.row == row && x0 - ROW_GAP < q.x1 && q.x0 - ROW_GAP < x1)
        {
            row += 1;
        }
        placed.push(Placing {
            px: *px,
            text: text.clone(),
            bold: *bold,
            x0,
            x1,
            row,
        });
    }
    placed.reverse();
    placed
}

/// A role's bar, and its name above it.
struct RoleRow<'a> {
    role: &'a RoleSpan,
    bx0: f64,
    bx1: f64,
    text: String,
    lx: f64,
    lane: usize,
}

/// Role lanes: a role's name sits above its bar and may run past its end,
/// so a role takes the first lane where neither its bar nor its name comes
/// within 10 units of another role's. Returns the roles, oldest first, and
/// how many lanes they take.
///
/// With the road ahead, bars stop at now and names stay left of it: the
/// right is the road's.
fn place_roles<'a>(
    data: &'a JourneyData,
    scale: &Scale,
    nx: f64,
    road: bool,
) -> (Vec<RoleRow<'a>>, usize) {
    let mut roles: Vec<&RoleSpan> = data.roles.iter().collect();
    roles.sort_by_key(|r| (r.start, r.end));
    let mut lanes: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut rows = Vec::new();
    for r in roles {
        let mut end = r.end.unwrap_or(data.today).max(r.start);
        if road {
            end = end.min(data.today);
        }
        let bx0 = scale.x(r.start.min(end));
        let bx1 = scale.x(end).max(bx0 + 3.0);
        let (text, lx, w) = role_name(r, bx0, nx, road);
        let extent = (bx0.min(lx), bx1.max(lx + w));
        let lane = lanes
            .iter()
            .position(|l| {
                l.iter()
                    .all(|&(a, b)| extent.1 + 10.0 < a || extent.0 > b + 10.0)
            })
            .unwrap_or_else(|| {
                lanes.push(Vec::new());
                lanes.len() - 1
            });
        lanes[lane].push(extent);
        rows.push(RoleRow {
            role: r,
            bx0,
            bx1,
            text,
            lx,
            lane,
        });
    }
    (rows, lanes.len())
}

/// A role's name, where it starts and how wide it is: from its bar's start,
/// moved left where it would leave the chart, and kept to one side of the
/// "now" line (shortened when neither side has room for all of it).
fn role_name(r: &RoleSpan, bx0: f64, nx: f64, road: bool) -> (String, f64, f64) {
    let bold = r.current;
    let mut text = fit_text(&r.label, MAX_ROLE_LABEL, FONT, bold);
    let mut w = text_width(&text, FONT, bold);
    let mut lx = bx0 + 2.0;
    if lx + w > W - M {
        lx = W - M - w;
    }
    if lx < nx + 4.0 && lx + w > nx - 4.0 {
        let left_room = nx - 4.0 - M;
        let right_room = if road { 0.0 } else { W - M - (nx + 4.0) };
        if w <= left_room && (bx0 < nx) {
            lx = (nx - 4.0 - w).min(bx0 + 2.0);
        } else if w <= right_room {
            lx = nx + 4.0;
        } else if left_room >= right_room {
            text = fit_text(&text, left_room, FONT, bold);
            w = text_width(&text, FONT, bold);
            lx = nx - 4.0 - w;
        } else {
            text = fit_text(&text, right_room, FONT, bold);
            w = text_width(&text, FONT, bold);
            lx = nx + 4.0;
        }
    }
    (text, lx, w)
}

/// The future, lightly shaded, from now to the end of the axis.
fn draw_future(c: &mut Chart, scale: &Scale, nx: f64, f: &Frame) {
    c.shapes.push(Shape::Rect {
        r: Rect {
            x0: nx,
            y0: f.axis_y,
            x1: scale.axis_end,
            y1: f.bars_base,
        },
        rx: 0.0,
        class: "jr-future",
        title: None,
    });
}

/// A grid line for every year below the axis, and year labels at the
/// bottom: every year, or every 2, 5, 10… when a year is too narrow for
/// its label.
/// On the road ahead the years draw closer with distance, so each is
/// labelled where it has room after the last.
fn draw_years(c: &mut Chart, scale: &Scale, (t0, t1): (Date, Date), f: &Frame) {
    let per_year = scale.per_year();
    let label_w = text_width("2000", FONT, false) + 10.0;
    let step = [1, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|s| f64::from(*s) * per_year >= label_w)
        .unwrap_or(100);
    let mut last_end = f64::NEG_INFINITY;
    // A range that starts within a year names that year at its start.
    if let Ok(next) = Date::new(t0.year() + 1, 1, 1)
        && t0 != Date::new(t0.year(), 1, 1).unwrap_or(t0)
        && scale.x(next) - M >= label_w + 3.0
    {
        let text = t0.year().to_string();
        last_end = M + 3.0 + text_width(&text, FONT, false);
        c.labels.push(Label {
            text,
            x: M + 3.0,
            y: f.years_y,
            anchor: Anchor::Start,
            size: FONT,
            bold: false,
            class: "jr-year",
        });
    }
    for y in t0.year()..=t1.year() {
        let Ok(d) = Date::new(y, 1, 1) else { continue };
        if d < t0 || d > t1 {
            continue;
        }
        let gx = scale.x(d);
        c.shapes.push(Shape::Line {
            s: Segment {
                x1: gx,
                y1: f.axis_y,
                x2: gx,
                y2: f.bars_base,
            },
            class: "jr-grid",
        });
        let ahead = scale.ahead.is_some() && day_number(d) > scale.d1;
        let w = text_width(&y.to_string(), FONT, false);
        if (ahead || i32::from(y - t0.year()) % step == 0)
            && gx + 3.0 >= last_end + 10.0
            && gx + 3.0 + w <= W - M
        {
            last_end = gx + 3.0 + w;
            c.labels.push(Label {
                text: y.to_string(),
                x: gx + 3.0,
                y: f.years_y,
                anchor: Anchor::Start,
                size: FONT,
                bold: false,
                class: "jr-year",
            });
        }
    }
}

/// The time axis, and the baseline the quarter bars stand on.
fn draw_axis(c: &mut Chart, scale: &Scale, f: &Frame) {
    for (y, class) in [(f.axis_y, "jr-axis"), (f.bars_base, "jr-baseline")] {
        c.shapes.push(Shape::Line {
            s: Segment {
                x1: M,
                y1: y,
                x2: scale.axis_end,
                y2: y,
            },
            class,
        });
    }
}

/// Each role's bar in its lane, and its name above the bar.
fn draw_roles(c: &mut Chart, roles: &[RoleRow], f: &Frame) {
    for row in roles {
        let r = row.role;
        let ly = f.lanes_top + row.lane as f64 * LANE_H;
        c.shapes.push(Shape::Rect {
            r: Rect {
                x0: row.bx0,
                y0: ly + 17.0,
                x1: row.bx1,
                y1: ly + 31.0,
            },
            rx: 4.0,
            class: if r.current {
                "jr-role jr-role-current"
            } else {
                "jr-role"
            },
            title: Some(role_title(r)),
        });
        if !row.text.is_empty() {
            c.labels.push(Label {
                text: row.text.clone(),
                x: row.lx,
                y: ly + 12.0,
                anchor: Anchor::Start,
                size: FONT,
                bold: r.current,
                class: "jr-role-label",
            });
        }
    }
}

/// Achievements per quarter, as bars standing on the baseline; the
/// current quarter's stops at now (`until`) when the road follows.
fn draw_quarter_bars(
    c: &mut Chart,
    data: &JourneyData,
    scale: &Scale,
    f: &Frame,
    until: Option<f64>,
) {
    for b in quarter_bars(data, BAR_BAND - 6.0) {
        let x0 = scale.x(b.start) + 0.5;
        let mut x1 = scale.x(b.end) - 0.5;
        if let Some(nx) = until {
            x1 = x1.min(nx - 1.5);
        }
        c.shapes.push(Shape::Rect {
            r: Rect {
                x0,
                y0: f.bars_base - b.len,
                x1: x1.max(x0 + 1.5),
                y1: f.bars_base,
            },
            rx: 0.0,
            class: "jr-bar",
            title: Some(b.title),
        });
    }
}

/// The now line, from its label down through lanes and bars; no label may
/// cover it.
fn draw_now(c: &mut Chart, events: &[PointEvent], placing: &[Placing], nx: f64, f: &Frame) {
    let now_row = placing
        .iter()
        .zip(events)
        .find(|(_, e)| e.kind == "now")
        .map_or(0, |(p, _)| p.row);
    let top = f.row_mid(now_row) - 4.0;
    c.shapes.push(Shape::Line {
        s: Segment {
            x1: nx,
            y1: top,
            x2: nx,
            y2: f.bars_base,
        },
        class: "jr-now",
    });
    c.keep_out.push(Rect {
        x0: nx - 1.0,
        y0: top,
        x1: nx + 1.0,
        y1: f.bars_base,
    });
}

/// The points on the axis, their labels in their rows, and a leader from
/// each point up to its label ("now" has its line instead).
fn draw_points(c: &mut Chart, events: &[PointEvent], placing: &[Placing], f: &Frame) {
    for (p, e) in placing.iter().zip(events) {
        let mid = f.row_mid(p.row);
        let first_shape = c.shapes.len();
        if e.kind != "now" {
            c.shapes.push(Shape::Circle {
                cx: p.px,
                cy: f.axis_y,
                r: 5.5,
                class: format!("jr-point jr-{}", e.kind),
                title: e.url.is_none().then(|| e.tooltip()),
            });
        }
        if let Some(url) = &e.url {
            c.links.push(ChartLink {
                href: url.clone(),
                title: e.tooltip(),
                shapes: vec![first_shape],
                labels: if p.text.is_empty() {
                    vec![]
                } else {
                    vec![c.labels.len()]
                },
            });
        }
        if p.text.is_empty() {
            continue;
        }
        c.labels.push(Label {
            text: p.text.clone(),
            x: p.x0,
            y: mid + 4.0,
            anchor: Anchor::Start,
            size: FONT,
            bold: p.bold,
            class: if e.kind == "now" {
                "jr-now-label"
            } else {
                "jr-label"
            },
        });
        if e.kind != "now" {
            c.leaders.push((
                Segment {
                    x1: p.px,
                    y1: f.axis_y - 6.0,
                    x2: p.px,
                    y2: mid - 4.0,
                },
                c.labels.len() - 1,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::journey::tests::career;
    use crate::charts::journey::{EventPoint, RoleSpan};

    /// For every label, the others that its leader would cross (a label
    /// spanning its point in a row at or below its own), and the others of
    /// its row closer than `ROW_GAP`.
    fn faults(placed: &[Placing]) -> Vec<String> {
        let mut out = Vec::new();
        for (i, p) in placed.iter().enumerate() {
            for (j, q) in placed.iter().enumerate() {
                if i == j {
                    continue;
                }
                let spans = q.x0 - LEAD_PAD <= p.px && p.px <= q.x1 + LEAD_PAD;
                if spans && q.row <= p.row {
                    out.push(format!("{:?}'s leader crosses {:?}", p.text, q.text));
                }
                if i < j && p.row == q.row && p.x0 - ROW_GAP < q.x1 && q.x0 - ROW_GAP < p.x1 {
                    out.push(format!("{:?} touches {:?}", p.text, q.text));
                }
            }
        }
        out
    }

    #[test]
    fn point_labels_on_a_crowded_axis_neither_touch_nor_get_crossed() {
        // Forty milestones 6 units apart, some on the same spot, names of
        // every length: far more than fit one row.
        let points: Vec<(f64, String, bool)> = (0..40)
            .map(|i| {
                let x = 20.0 + f64::from(i / 2 * 2) * 6.0 + f64::from(i % 2) * 0.5;
                let name = "Milestone with a name ".repeat(1 + (i as usize % 4));
                (x, format!("{i}: {}", name.trim_end()), i % 7 == 0)
            })
            .collect();
        let placed = place_point_labels(&points);
        assert_eq!(placed.len(), points.len());
        assert_eq!(faults(&placed), Vec::<String>::new());
        // In the order given, each label reading to the right of its point.
        for (p, (x, text, _)) in placed.iter().zip(&points) {
            assert_eq!((p.px, &p.text), (*x, text));
            assert_eq!(p.x0, x + LEAD_GAP);
        }
        // Placed from the right: the latest sits nearest the axis.
        assert_eq!(placed.last().unwrap().row, 0);
        assert!(row_count(&placed) > 10, "{} rows", row_count(&placed));

        // And a synthetic twenty-year career at the chart's own scale.
        let data = career(20, 3);
        let (t0, t1) = data.range();
        let (_, placed) = fit_point_labels(&point_events(&data), Scale::new(t0, t1, W - M), W - M);
        assert_eq!(faults(&placed), Vec::<String>::new());
    }

    #[test]
    fn role_names_stay_off_the_now_line_and_apart_in_their_lanes() {
        let mut data = career(5, 0);
        let today = data.today;
        let days = |n: i64| today.saturating_sub(jiff::Span::new().days(n));
        // Names that, from their bars' start, would run over "now".
        data.roles.push(RoleSpan {
            start: days(40),
            end: None,
            label: "Staff Engineer · A Rather Long Organisation Name International".into(),
            current: true,
        });
        data.roles.push(RoleSpan {
            start: days(400),
            end: Some(days(20)),
            label: "Contractor · Short Gig".into(),
            current: false,
        });
        // One role a day after another: their bars all but touch.
        data.roles.push(RoleSpan {
            start: days(1500),
            end: Some(days(1200)),
            label: "Intern · Co".into(),
            current: false,
        });
        data.roles.push(RoleSpan {
            start: days(1199),
            end: Some(days(900)),
            label: "Junior · Co".into(),
            current: false,
        });
        data.events.push(EventPoint {
            date: days(3),
            label: "An event".into(),
            kind: "award",
            url: None,
        });
        let (t0, t1) = data.range();
        let scale = Scale::new(t0, t1, W - M);
        let nx = scale.x(today);
        let (rows, lanes) = place_roles(&data, &scale, nx, false);
        assert_eq!(rows.len(), data.roles.len());
        let extent = |r: &RoleRow| {
            let w = text_width(&r.text, FONT, r.role.current);
            (r.bx0.min(r.lx), r.bx1.max(r.lx + w), r.lx, r.lx + w)
        };
        for r in &rows {
            let (_, _, n0, n1) = extent(r);
            assert!(
                n1 <= nx - 4.0 || n0 >= nx + 4.0,
                "{:?} at {n0:.1}–{n1:.1} crosses now at {nx:.1}",
                r.text
            );
            assert!(n0 >= M && n1 <= W - M, "{:?} leaves the chart", r.text);
            assert!(!r.text.is_empty() && r.lane < lanes);
        }
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[i + 1..] {
                let ((a0, a1, ..), (b0, b1, ..)) = (extent(a), extent(b));
                assert!(
                    a.lane != b.lane || a1 + 10.0 < b0 || b1 + 10.0 < a0,
                    "{:?} and {:?} share lane {}",
                    a.text,
                    b.text,
                    a.lane
                );
            }
        }
    }
}
