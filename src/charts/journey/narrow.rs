//! The narrow timeline, 360 units across, for phones: time runs down, so
//! a long career grows taller rather than cramped, and every name has the
//! full width of one column on the right. Its hard part is stacking those
//! names so that each stays near its date.

use jiff::civil::Date;

use super::{JourneyData, RoleSpan, day_number, quarter_bars, role_title};
use crate::charts::svg::{Anchor, Chart, FONT, Label, Rect, Segment, Shape, fit_text, wrap_text};

const W: f64 = 360.0;
const LINE_H: f64 = 15.0;
const AXIS_X: f64 = 82.0;
const LANE_W: f64 = 10.0;
/// Where the time axis starts, below the top edge.
const TOP: f64 = 14.0;
/// The left edge of the grid, the shading and the now line (years are
/// written left of it).
const GRID_X: f64 = 36.0;

/// The vertical timeline for narrow screens, 360 units wide: time runs
/// down, years on the left, achievements per quarter as bars left of the
/// axis, roles as bars in lanes right of it, and every name in one column on
/// the right, pushed down where names crowd and tied to its date by a
/// leader. The scale grows until no name drifts far from its date.
pub(crate) fn layout_narrow(data: &JourneyData) -> Chart {
    let (t0, t1) = data.range();
    let (roles, lanes) = role_lanes(data);
    let col_x = lane_x(lanes) + 16.0;
    let names = column_names(data, &roles, W - 4.0 - col_x);
    let (scale, tops) = fit_scale(&names, day_number(t0));
    let axis_end = scale.y(t1);
    let names_bottom = names
        .iter()
        .zip(&tops)
        .map(|(nm, t)| t + nm.lines.len() as f64 * LINE_H)
        .fold(0.0f64, f64::max);
    let height = axis_end.max(names_bottom) + 10.0;
    let ny = scale.y(data.today);
    // Grid lines and shading stop short of the names' column.
    let grid_end = col_x - 12.0;

    let mut c = Chart {
        width: W,
        height,
        ..Chart::default()
    };
    // Drawn in this order: later marks lie over earlier ones.
    draw_future(&mut c, ny, grid_end, axis_end);
    draw_years(&mut c, &scale, (t0, t1), grid_end);
    draw_axis(&mut c, axis_end);
    draw_quarter_bars(&mut c, data, &scale);
    draw_role_bars(&mut c, &roles, data.today, &scale);
    draw_now(&mut c, ny, grid_end);
    draw_points(&mut c, data, &scale);
    draw_names(&mut c, &names, &tops, &scale, col_x);
    c
}

/// Where a date falls down the axis: `per_year` units a year below `TOP`.
#[derive(Debug, Clone, Copy)]
struct Scale {
    d0: f64,
    per_year: f64,
}

impl Scale {
    fn y(&self, d: Date) -> f64 {
        TOP + (day_number(d) - self.d0) / 365.25 * self.per_year
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
}

/// Every name, in date order, wrapped to the column's width `col_w`. A
/// role's organisation gets a line of its own, so the role may take two.
fn column_names(data: &JourneyData, roles: &[(&RoleSpan, usize)], col_w: f64) -> Vec<Name> {
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
            date: r.start,
            lines,
            bold: r.current,
            class: "jr-role-label",
            from_x: lane_x(*lane) + LANE_W - 3.0,
        });
    }
    for e in &data.events {
        names.push(Name {
            date: e.date,
            lines: wrap_text(&e.label, col_w, FONT, false, 3),
            bold: false,
            class: "jr-label",
            from_x: AXIS_X + 5.0,
        });
    }
    names.push(Name {
        date: data.today,
        lines: vec!["now".to_string()],
        bold: true,
        class: "jr-now-label",
        from_x: AXIS_X + 5.0,
    });
    names.sort_by(|a, b| a.date.cmp(&b.date).then(a.lines.cmp(&b.lines)));
    names
}

/// The scale: 40 units a year, grown by a quarter at a time while a name
/// drifts more than 28 units below its date, up to 320 units a year.
/// Returns it with the top of each name at that scale.
fn fit_scale(names: &[Name], d0: f64) -> (Scale, Vec<f64>) {
    let mut scale = Scale { d0, per_year: 40.0 };
    let mut tops = Vec::new();
    for _ in 0..12 {
        let (at, drift) = stack_names(names, &scale);
        tops = at;
        if drift <= 28.0 || scale.per_year >= 320.0 {
            break;
        }
        scale.per_year *= 1.25;
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
/// least 18 units below the last one and fits the chart.
fn draw_years(c: &mut Chart, scale: &Scale, (t0, t1): (Date, Date), grid_end: f64) {
    let label_gap = 18.0;
    let mut last_label = f64::NEG_INFINITY;
    for yr in t0.year()..=t1.year() {
        let Ok(d) = Date::new(yr, 1, 1) else { continue };
        if d > t1 {
            continue;
        }
        let gy = scale.y(d);
        c.shapes.push(Shape::Line {
            s: Segment {
                x1: GRID_X,
                y1: gy,
                x2: grid_end,
                y2: gy,
            },
            class: "jr-grid",
        });
        if gy - last_label >= label_gap && gy + 4.0 + FONT * 0.24 <= c.height {
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

fn draw_axis(c: &mut Chart, axis_end: f64) {
    c.shapes.push(Shape::Line {
        s: Segment {
            x1: AXIS_X,
            y1: TOP - 6.0,
            x2: AXIS_X,
            y2: axis_end,
        },
        class: "jr-axis",
    });
}

/// Achievements per quarter, as bars growing left from the axis.
fn draw_quarter_bars(c: &mut Chart, data: &JourneyData, scale: &Scale) {
    for b in quarter_bars(data, 34.0) {
        c.shapes.push(Shape::Rect {
            r: Rect {
                x0: AXIS_X - 3.0 - b.len,
                y0: scale.y(b.start) + 0.5,
                x1: AXIS_X - 3.0,
                y1: (scale.y(b.end) - 0.5).max(scale.y(b.start) + 1.5),
            },
            rx: 0.0,
            class: "jr-bar",
            title: Some(b.title),
        });
    }
}

/// Each role's bar in its lane, from its start to its end (or today).
fn draw_role_bars(c: &mut Chart, roles: &[(&RoleSpan, usize)], today: Date, scale: &Scale) {
    for (r, lane) in roles {
        let y0 = scale.y(r.start);
        let y1 = scale.y(r.end.unwrap_or(today).max(r.start)).max(y0 + 3.0);
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
}

/// The milestones' points on the axis.
fn draw_points(c: &mut Chart, data: &JourneyData, scale: &Scale) {
    for e in &data.events {
        c.shapes.push(Shape::Circle {
            cx: AXIS_X,
            cy: scale.y(e.date),
            r: 5.0,
            class: format!("jr-point jr-{}", e.kind),
            title: Some(format!("{}: {}", e.label, e.date)),
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
        if nm.class == "jr-now-label" || c.labels.len() == first {
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
        }
    }

    #[test]
    fn crowded_names_are_pushed_down_and_never_touch() {
        let scale = Scale {
            d0: day_number("2020-01-01".parse().unwrap()),
            per_year: 40.0,
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
        let names = column_names(&data, &roles, W - 4.0 - (lane_x(lanes) + 16.0));
        let (scale, tops) = fit_scale(&names, day_number(t0));
        assert!(scale.per_year > 40.0, "so many names need more room");
        let (again, drift) = stack_names(&names, &scale);
        assert_eq!(tops, again, "the tops are those of the final scale");
        assert!(
            drift <= 28.0 || scale.per_year >= 320.0,
            "{drift} at {scale:?}"
        );
        // One step less would not have done.
        let smaller = Scale {
            per_year: scale.per_year / 1.25,
            ..scale
        };
        assert!(stack_names(&names, &smaller).1 > 28.0);
    }
}
