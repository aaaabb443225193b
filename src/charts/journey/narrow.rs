//! The narrow timeline, 360 units across, for phones: time runs down, so
//! a long career grows taller rather than cramped, and every name has the
//! full width of one column on the right; below now, the road ahead
//! (`narrow_road.rs`). Its hard part is stacking those names so that each
//! stays near its date.

use jiff::civil::Date;

use super::narrow_road::{BRANCH_W, NarrowRoad};
use super::{EventPoint, JourneyData, RoleSpan, day_number, quarter_bars, role_title};
use crate::charts::svg::{
    Anchor, Chart, ChartLink, FONT, Label, Rect, Segment, Shape, fit_text, wrap_text,
};

const W: f64 = 360.0;
const LINE_H: f64 = 15.0;
const AXIS_X: f64 = 82.0;
const LANE_W: f64 = 10.0;
/// Where the time axis starts, below the top edge; lower when the bars'
/// column has its heading above it.
const TOP: f64 = 14.0;
const HEADED_TOP: f64 = 40.0;
/// The least length of the past: a short career still reads as one.
const MIN_PAST: f64 = 160.0;
/// The left edge of the grid, the shading and the now line (years are
/// written left of it).
const GRID_X: f64 = 36.0;

/// The vertical timeline for narrow screens, 360 units wide: time runs
/// down, years on the left, achievements per quarter as bars left of the
/// axis, roles as bars in lanes right of it, and every name in one column on
/// the right, pushed down where names crowd and tied to its date by a
/// leader. The scale grows until no name drifts far from its date.
///
/// With goals ahead or a north star, the past ends at now and the road
/// runs on below it to the star, its marks level with their names.
pub(crate) fn layout_narrow(data: &JourneyData) -> Chart {
    let has_road = data.road.is_drawn();
    let (t0, t1) = if has_road {
        data.past_and_road_range()
    } else {
        data.range()
    };
    let (roles, lanes) = role_lanes(data);
    let branches = if has_road {
        NarrowRoad::lanes_for(&data.road)
    } else {
        0
    };
    let col_x = lane_x(lanes).max(AXIS_X + branches as f64 * BRANCH_W) + 16.0;
    let col_w = W - 4.0 - col_x;
    let names = column_names(data, &roles, col_w, has_road);
    let spill = has_road.then(|| data.today.saturating_sub(jiff::Span::new().months(6)));
    let past_years = ((day_number(data.today) - day_number(t0)) / 365.25).max(0.25);
    let start = Scale {
        d0: day_number(t0),
        per_year: (MIN_PAST / past_years).clamp(40.0, 320.0),
        top: if data.quarters.is_empty() {
            TOP
        } else {
            HEADED_TOP
        },
    };
    let (scale, tops) = fit_scale(&names, start, spill);
    let names_bottom = names
        .iter()
        .zip(&tops)
        .map(|(nm, t)| t + nm.lines.len() as f64 * LINE_H)
        .fold(0.0f64, f64::max);
    let ny = scale.y(data.today);
    let road =
        has_road.then(|| NarrowRoad::new(&data.road, data.today, ny, names_bottom + 5.0, col_w));
    let axis_end = match &road {
        Some(r) => r.bottom(),
        None => scale.y(t1),
    };
    let height = axis_end.max(names_bottom) + 10.0;
    // Grid lines and shading stop short of the names' column.
    let grid_end = col_x - 12.0;

    let mut c = Chart {
        width: W,
        height,
        ..Chart::default()
    };
    // Drawn in this order: later marks lie over earlier ones.
    draw_future(&mut c, ny, grid_end, axis_end);
    draw_years(
        &mut c,
        &scale,
        (t0, t1),
        grid_end,
        road.as_ref(),
        data.today,
    );
    draw_axis(&mut c, scale.top, axis_end);
    draw_quarter_bars(&mut c, data, &scale, road.is_some().then_some(ny));
    draw_bars_heading(&mut c, data);
    draw_role_bars(&mut c, &roles, data.today, &scale, road.is_some());
    if let Some(r) = &road {
        r.draw(&mut c, AXIS_X, col_x);
    }
    draw_now(&mut c, ny, grid_end);
    draw_points(&mut c, data, &scale, road.is_some());
    draw_names(&mut c, &names, &tops, &scale, col_x);
    c
}

/// Where a date falls down the axis: `per_year` units a year below `top`.
#[derive(Debug, Clone, Copy)]
struct Scale {
    d0: f64,
    per_year: f64,
    top: f64,
}

impl Scale {
    fn y(&self, d: Date) -> f64 {
        self.top + (day_number(d) - self.d0) / 365.25 * self.per_year
    }
}

/// The left edge of role lane `l`; lanes are right of the axis.
fn lane_x(l: usize) -> f64 {
    AXIS_X + 7.0 + l as f64 * LANE_W
}

/// Role lanes: roles oldest first, each in the first lane free since
/// before it began. Returns each role with its lane, and how many lanes.
fn role_lanes(data: &JourneyData) -> (Vec<(&RoleSpan, usize)>, usize) {
    let mut roles: Vec<&RoleSpan> = data.roles.iter().collect();
    roles.sort_by_key(|r| (r.start, r.end));
    let mut lane_ends: Vec<Date> = Vec::new();
    let mut out = Vec::with_capacity(roles.len());
    for r in roles {
        let end = r.end.unwrap_or(data.today).max(r.start);
        let lane = match lane_ends.iter().position(|&e| e < r.start) {
            Some(l) => {
                lane_ends[l] = end;
                l
            }
            None => {
                lane_ends.push(end);
                lane_ends.len() - 1
            }
        };
        out.push((r, lane));
    }
    (out, lane_ends.len())
}

/// A name in the column: role, milestone or "now".
struct Name {
    date: Date,
    lines: Vec<String>,
    bold: bool,
    class: &'static str,
    /// Where its leader starts: the role's bar, or the axis.
    from_x: f64,
    /// The page of a goal reached, which its name links to.
    url: Option<String>,
}

/// Every name, in date order, wrapped to the column's width `col_w`. A
/// role's organisation gets a line of its own, so the role may take two.
/// With the road ahead (`road`), the column's past ends at now: a
/// milestone dated later is named at now.
fn column_names(
    data: &JourneyData,
    roles: &[(&RoleSpan, usize)],
    col_w: f64,
    road: bool,
) -> Vec<Name> {
    let when = |d: Date| if road { d.min(data.today) } else { d };
    let mut names: Vec<Name> = Vec::new();
    for (r, lane) in roles {
        let (role, org) = match r.label.split_once(" · ") {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (r.label.clone(), None),
        };
        let mut lines = wrap_text(&role, col_w, FONT, r.current, 2);
        if let Some(o) = org {
            lines.push(fit_text(&o, col_w, FONT, false));
        }
        names.push(Name {
            date: when(r.start),
            lines,
            bold: r.current,
            class: "jr-role-label",
            from_x: lane_x(*lane) + LANE_W - 3.0,
            url: None,
        });
    }
    for e in &data.events {
        names.push(Name {
            date: when(e.date),
            lines: wrap_text(&e.label, col_w, FONT, false, 3),
            bold: false,
            class: "jr-label",
            from_x: AXIS_X + 5.0,
            url: e.url.clone(),
        });
    }
    names.sort_by(|a, b| a.date.cmp(&b.date).then(a.lines.cmp(&b.lines)));
    names
}

/// The scale: `start` (40 units a year, or more for a short past), grown
/// by a quarter at a time while a name
/// drifts more than 28 units below its date and growing helps (names on
/// one day drift at any scale), up to 320 units a year. Returns it with
/// the top of each name at that scale. Names dated from `spill` on may
/// drift as they must: the road below now has room for them, and growing
/// the whole past for the last months would not help.
fn fit_scale(names: &[Name], start: Scale, spill: Option<Date>) -> (Scale, Vec<f64>) {
    let drift_at = |scale: &Scale| {
        let (at, mut drift) = stack_names(names, scale);
        if let Some(cut) = spill {
            drift = names
                .iter()
                .zip(&at)
                .filter(|(nm, _)| nm.date < cut)
                .map(|(nm, t)| t - (scale.y(nm.date) - LINE_H / 2.0 - 2.0))
                .fold(0.0, f64::max);
        }
        (at, drift)
    };
    let mut scale = start;
    let (mut tops, mut drift) = drift_at(&scale);
    while drift > 28.0 && scale.per_year < 320.0 {
        let bigger = Scale {
            per_year: scale.per_year * 1.25,
            ..scale
        };
        let (at, d) = drift_at(&bigger);
        if d > drift - 0.5 {
            break;
        }
        (scale, tops, drift) = (bigger, at, d);
    }
    (scale, tops)
}

/// Stacks the names down the column, each centred on its date where it
/// can be and pushed down below the one before where names crowd. Returns
/// each name's top, and how far the furthest was pushed.
fn stack_names(names: &[Name], scale: &Scale) -> (Vec<f64>, f64) {
    let mut tops = Vec::with_capacity(names.len());
    let mut next_free = 0.0f64;
    let mut drift = 0.0f64;
    for nm in names {
        let h = nm.lines.len() as f64 * LINE_H;
        let want = scale.y(nm.date) - LINE_H / 2.0 - 2.0;
        let at = want.max(next_free).max(2.0);
        drift = drift.max(at - want);
        tops.push(at);
        next_free = at + h + 5.0;
    }
    (tops, drift)
}

/// The future, lightly shaded, from now to the end of the axis.
fn draw_future(c: &mut Chart, ny: f64, grid_end: f64, axis_end: f64) {
    c.shapes.push(Shape::Rect {
        r: Rect {
            x0: GRID_X,
            y0: ny,
            x1: grid_end,
            y1: axis_end,
        },
        rx: 0.0,
        class: "jr-future",
        title: None,
    });
}

/// A grid line for every year, and its label on the left where it is at
/// least 18 units below the last one and fits the chart. Years ahead fall
/// where the road puts them, between its marks.
fn draw_years(
    c: &mut Chart,
    scale: &Scale,
    (t0, t1): (Date, Date),
    grid_end: f64,
    road: Option<&NarrowRoad>,
    today: Date,
) {
    let label_gap = 18.0;
    // "now" is written among the years (see `draw_now`).
    let now_y = scale.y(today);
    let mut last_label = f64::NEG_INFINITY;
    // A range that starts within a year names that year at its top.
    let next_year = Date::new(t0.year() + 1, 1, 1).map_or(f64::INFINITY, |d| scale.y(d));
    if road.is_some()
        && t0 != Date::new(t0.year(), 1, 1).unwrap_or(t0)
        && (scale.y(t0) - now_y).abs() >= label_gap
        && next_year - scale.y(t0) >= 30.0
    {
        let gy = scale.y(t0);
        c.labels.push(Label {
            text: t0.year().to_string(),
            x: 4.0,
            y: gy + 4.0,
            anchor: Anchor::Start,
            size: FONT,
            bold: false,
            class: "jr-year",
        });
        last_label = gy;
    }
    for yr in t0.year()..=t1.year() {
        let Ok(d) = Date::new(yr, 1, 1) else { continue };
        if d > t1 || d < t0 {
            continue;
        }
        let gy = match road {
            Some(r) if d > today => match r.y_of(day_number(d)) {
                Some(y) => y,
                None => continue,
            },
            _ => scale.y(d),
        };
        c.shapes.push(Shape::Line {
            s: Segment {
                x1: GRID_X,
                y1: gy,
                x2: grid_end,
                y2: gy,
            },
            class: "jr-grid",
        });
        if gy - last_label >= label_gap
            && (gy - now_y).abs() >= label_gap
            && gy + 4.0 + FONT * 0.24 <= c.height
        {
            c.labels.push(Label {
                text: yr.to_string(),
                x: 4.0,
                y: gy + 4.0,
                anchor: Anchor::Start,
                size: FONT,
                bold: false,
                class: "jr-year",
            });
            last_label = gy;
        }
    }
}

fn draw_axis(c: &mut Chart, top: f64, axis_end: f64) {
    c.shapes.push(Shape::Line {
        s: Segment {
            x1: AXIS_X,
            y1: top - 6.0,
            x2: AXIS_X,
            y2: axis_end,
        },
        class: "jr-axis",
    });
}

/// Achievements per quarter, as bars growing left from the axis; the
/// current quarter's stops at now (`until`) when the road follows.
fn draw_quarter_bars(c: &mut Chart, data: &JourneyData, scale: &Scale, until: Option<f64>) {
    for b in quarter_bars(data, 34.0) {
        let y0 = scale.y(b.start) + 0.5;
        let mut y1 = scale.y(b.end) - 0.5;
        if let Some(ny) = until {
            y1 = y1.min(ny - 1.5);
        }
        c.shapes.push(Shape::Rect {
            r: Rect {
                x0: AXIS_X - 3.0 - b.len,
                y0,
                x1: AXIS_X - 3.0,
                y1: y1.max(y0 + 1.5),
            },
            rx: 0.0,
            class: "jr-bar",
            title: Some(b.title),
        });
    }
}

/// Each role's bar in its lane, from its start to its end (or today; to
/// today at the latest when the road follows).
fn draw_role_bars(
    c: &mut Chart,
    roles: &[(&RoleSpan, usize)],
    today: Date,
    scale: &Scale,
    road: bool,
) {
    for (r, lane) in roles {
        let mut end = r.end.unwrap_or(today).max(r.start);
        if road {
            end = end.min(today);
        }
        let y0 = scale.y(r.start.min(end));
        let y1 = scale.y(end).max(y0 + 3.0);
        c.shapes.push(Shape::Rect {
            r: Rect {
                x0: lane_x(*lane),
                y0,
                x1: lane_x(*lane) + LANE_W - 3.0,
                y1,
            },
            rx: 3.0,
            class: if r.current {
                "jr-role jr-role-current"
            } else {
                "jr-role"
            },
            title: Some(role_title(r)),
        });
    }
}

/// The now line, and "now" at its left end, among the years.
fn draw_now(c: &mut Chart, ny: f64, grid_end: f64) {
    c.shapes.push(Shape::Line {
        s: Segment {
            x1: GRID_X,
            y1: ny,
            x2: grid_end,
            y2: ny,
        },
        class: "jr-now",
    });
    c.labels.push(Label {
        text: "now".to_string(),
        x: 4.0,
        y: ny + 4.0,
        anchor: Anchor::Start,
        size: FONT,
        bold: true,
        class: "jr-now-label",
    });
}

/// What the bars left of the axis count, above them.
fn draw_bars_heading(c: &mut Chart, data: &JourneyData) {
    if data.quarters.is_empty() {
        return;
    }
    for (k, text) in ["achievements", "per quarter"].into_iter().enumerate() {
        c.labels.push(Label {
            text: text.to_string(),
            x: AXIS_X - 3.0,
            y: 11.0 + k as f64 * 12.5,
            anchor: Anchor::End,
            size: 10.0,
            bold: false,
            class: "jr-year",
        });
    }
}

/// The milestones' points on the axis (at now at the latest, when the
/// road follows); a goal reached links to its page.
fn draw_points(c: &mut Chart, data: &JourneyData, scale: &Scale, road: bool) {
    for e in &data.events {
        let date = if road { e.date.min(data.today) } else { e.date };
        point(c, e, scale.y(date));
    }
}

fn point(c: &mut Chart, e: &EventPoint, y: f64) {
    c.shapes.push(Shape::Circle {
        cx: AXIS_X,
        cy: y,
        r: 5.0,
        class: format!("jr-point jr-{}", e.kind),
        title: e.url.is_none().then(|| e.tooltip()),
    });
    if let Some(url) = &e.url {
        c.links.push(ChartLink {
            href: url.clone(),
            title: e.tooltip(),
            shapes: vec![c.shapes.len() - 1],
            labels: Vec::new(),
        });
    }
}

/// The names in their column at the tops `stack_names` gave them, each
/// tied to its date by a leader: along the date, then a short diagonal to
/// the name ("now" has its line instead).
fn draw_names(c: &mut Chart, names: &[Name], tops: &[f64], scale: &Scale, col_x: f64) {
    for (nm, t) in names.iter().zip(tops) {
        let first = c.labels.len();
        for (k, line) in nm.lines.iter().enumerate() {
            if line.is_empty() {
                continue;
            }
            c.labels.push(Label {
                text: line.clone(),
                x: col_x,
                y: t + 11.0 + k as f64 * LINE_H,
                anchor: Anchor::Start,
                size: FONT,
                bold: nm.bold && k == 0,
                class: nm.class,
            });
        }
        if let Some(url) = &nm.url {
            let last = c.labels.len();
            if let Some(link) = c.links.iter_mut().find(|l| &l.href == url) {
                link.labels.extend(first..last);
            }
        }
        if c.labels.len() == first {
            continue;
        }
        let from_y = scale.y(nm.date);
        let bend = col_x - 12.0;
        for seg in [
            Segment {
                x1: nm.from_x,
                y1: from_y,
                x2: bend,
                y2: from_y,
            },
            Segment {
                x1: bend,
                y1: from_y,
                x2: col_x - 4.0,
                y2: t + 7.0,
            },
        ] {
            c.leaders.push((seg, first));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::journey::tests::career;

    fn name(date: &str, lines: usize) -> Name {
        Name {
            date: date.parse().unwrap(),
            lines: vec!["x".to_string(); lines],
            bold: false,
            class: "jr-label",
            from_x: AXIS_X,
            url: None,
        }
    }

    #[test]
    fn crowded_names_are_pushed_down_and_never_touch() {
        let scale = Scale {
            d0: day_number("2020-01-01".parse().unwrap()),
            per_year: 40.0,
            top: TOP,
        };
        let want = |n: &Name| scale.y(n.date) - LINE_H / 2.0 - 2.0;
        // Three on one day, one just after, then one alone much later.
        let names = [
            name("2021-03-01", 2),
            name("2021-03-01", 1),
            name("2021-03-01", 3),
            name("2021-03-20", 1),
            name("2024-06-01", 1),
        ];
        let (tops, drift) = stack_names(&names, &scale);
        assert_eq!(tops.len(), names.len());
        for (i, (n, t)) in names.iter().zip(&tops).enumerate() {
            assert!(*t >= want(n), "name {i} moved up");
            if i > 0 {
                let above = tops[i - 1] + names[i - 1].lines.len() as f64 * LINE_H;
                assert!(*t >= above + 5.0, "name {i} touches the one above");
            }
        }
        // The first and the lone one sit at their dates.
        assert_eq!(tops[0], want(&names[0]));
        assert_eq!(tops[4], want(&names[4]));
        let pushed = tops[3] - want(&names[3]);
        assert!(pushed > 0.0 && drift >= pushed, "{drift} {pushed}");
    }

    #[test]
    fn the_scale_grows_until_names_stay_near_their_dates() {
        let data = career(20, 3);
        let (t0, _) = data.range();
        let (roles, lanes) = role_lanes(&data);
        let names = column_names(&data, &roles, W - 4.0 - (lane_x(lanes) + 16.0), false);
        let start = Scale {
            d0: day_number(t0),
            per_year: 40.0,
            top: TOP,
        };
        let (scale, tops) = fit_scale(&names, start, None);
        assert!(scale.per_year > 40.0, "so many names need more room");
        let (again, drift) = stack_names(&names, &scale);
        assert_eq!(tops, again, "the tops are those of the final scale");
        let bigger = Scale {
            per_year: scale.per_year * 1.25,
            ..scale
        };
        // Near enough, or as near as a bigger scale could make it.
        assert!(
            drift <= 28.0
                || scale.per_year >= 320.0
                || stack_names(&names, &bigger).1 > drift - 0.5,
            "{drift} at {scale:?}"
        );
        // One step less would not have done.
        let smaller = Scale {
            per_year: scale.per_year / 1.25,
            ..scale
        };
        assert!(stack_names(&names, &smaller).1 > drift.max(28.0) - 0.5);
    }

    #[test]
    fn names_on_one_day_do_not_grow_the_scale_for_nothing() {
        // A promotion that is also a role: two names of two lines on one
        // day drift by a name's height at any scale.
        let d = |s: &str| s.parse::<Date>().unwrap();
        let names = [
            Name {
                lines: vec!["Promoted to Tech Lead,".into(), "Scheduling".into()],
                ..name("2021-10-01", 0)
            },
            Name {
                lines: vec!["Tech Lead, Scheduling".into(), "Lumen Health".into()],
                ..name("2021-10-01", 0)
            },
        ];
        let start = Scale {
            d0: day_number(d("2020-01-01")),
            per_year: 40.0,
            top: TOP,
        };
        let (scale, _) = fit_scale(&names, start, None);
        assert_eq!(scale.per_year, 40.0);
    }
}
