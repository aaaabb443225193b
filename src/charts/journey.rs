//! Charts drawn at build time as inline SVG, so pages need no script: the
//! "My Career Journey" timeline, the weekly writing heatmap and the
//! wellbeing trend. Colours come from CSS classes so dark mode applies.
//!
//! Each chart is laid out by a pure function into a [`Chart`] (text labels
//! with their boxes, shapes, leader lines), which is then written as SVG.
//! Tests check the layout directly: no two labels overlap, no leader line
//! crosses a label.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::Span;
use jiff::civil::Date;

use crate::model::entry::MilestoneType;
use crate::model::site::Site;
use crate::text::esc;

// ---------------------------------------------------------------------------
// Geometry and text metrics

/// An axis-aligned box in SVG units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether the segment from (x1, y1) to (x2, y2) passes through the box.
    /// Leaders are vertical, horizontal or short diagonals; sampling is
    /// exact enough for them.
    pub fn hit_by(&self, s: &Segment) -> bool {
        let steps = 64;
        (0..=steps).any(|i| {
            let t = f64::from(i) / f64::from(steps);
            let x = s.x1 + (s.x2 - s.x1) * t;
            let y = s.y1 + (s.y2 - s.y1) * t;
            x > self.x0 && x < self.x1 && y > self.y0 && y < self.y1
        })
    }
}

/// Advance width of one character in em, close to (and never much below)
/// DejaVu Sans, the widest common system sans-serif: an estimate that errs
/// on the wide side keeps real labels apart on every platform.
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '`' => 0.30,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '/' | '-' | '·' => 0.42,
        ' ' => 0.33,
        'm' => 0.98,
        'w' => 0.84,
        'M' => 0.87,
        'W' => 1.0,
        '—' | '…' | '@' | '%' => 1.0,
        '–' => 0.52,
        'A'..='Z' => 0.74,
        '0'..='9' => 0.64,
        'a'..='z' => 0.63,
        c if c.is_ascii() => 0.6,
        _ => 0.76,
    }
}

/// Width of `s` in SVG units at `size` px.
pub fn text_width(s: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = s.chars().map(char_em).sum();
    em * size * if bold { 1.15 } else { 1.0 }
}

/// Shortens `s` with an ellipsis so that it fits `max` units.
fn fit_text(s: &str, max: f64, size: f64, bold: bool) -> String {
    if text_width(s, size, bold) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        out.push(c);
        if text_width(&format!("{out}…"), size, bold) > max {
            out.pop();
            break;
        }
    }
    let trimmed = out.trim_end();
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}…")
    }
}

/// Splits `s` into at most `max_lines` lines of at most `max` units each,
/// at spaces; the last line is shortened with an ellipsis if needed.
fn wrap_text(s: &str, max: f64, size: f64, bold: bool, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if text_width(&candidate, size, bold) <= max || cur.is_empty() {
            cur = candidate;
        } else {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    if lines.len() > max_lines {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(rest);
    }
    lines
        .into_iter()
        .map(|l| fit_text(&l, max, size, bold))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// One line of text in a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    /// Anchor point and baseline.
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub size: f64,
    pub bold: bool,
    pub class: &'static str,
}

impl Label {
    /// The box the text occupies: its estimated advance width, from the
    /// ascender to the descender.
    pub fn bbox(&self) -> Rect {
        label_box(
            self.x,
            self.y,
            self.anchor,
            &self.text,
            self.size,
            self.bold,
        )
    }
}

/// The box of a line of text drawn at (`x`, baseline `y`).
pub fn label_box(x: f64, y: f64, anchor: Anchor, text: &str, size: f64, bold: bool) -> Rect {
    let w = text_width(text, size, bold);
    let x0 = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - w / 2.0,
        Anchor::End => x - w,
    };
    Rect {
        x0,
        y0: y - 0.8 * size,
        x1: x0 + w,
        y1: y + 0.24 * size,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

/// A drawn element other than text. `title` becomes an SVG tooltip.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        r: Rect,
        rx: f64,
        class: &'static str,
        title: Option<String>,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
        class: String,
        title: Option<String>,
    },
    Line {
        s: Segment,
        class: &'static str,
    },
    Path {
        points: Vec<(f64, f64)>,
        class: String,
    },
}

/// A laid-out chart: everything needed to write the SVG, and to test it.
#[derive(Debug, Clone, Default)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    /// Drawn first, under the labels.
    pub shapes: Vec<Shape>,
    pub labels: Vec<Label>,
    /// Lines that tie a label to its mark; `(segment, index of the label)`.
    /// A leader must not cross any label, its own included.
    pub leaders: Vec<(Segment, usize)>,
    /// Marks no label may cover (legend swatches and the like); not drawn.
    pub keep_out: Vec<Rect>,
}

impl Chart {
    /// Pairs of labels whose boxes overlap (should be none).
    pub fn overlapping_labels(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (i, a) in self.labels.iter().enumerate() {
            for b in &self.labels[i + 1..] {
                if a.bbox().intersects(&b.bbox()) {
                    out.push((a.text.clone(), b.text.clone()));
                }
            }
        }
        out
    }

    /// Leaders that cross a label (should be none).
    pub fn crossed_labels(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (s, own) in &self.leaders {
            for l in &self.labels {
                if l.bbox().hit_by(s) {
                    out.push((self.labels[*own].text.clone(), l.text.clone()));
                }
            }
        }
        out
    }

    /// Labels that cover a mark they must leave free (should be none).
    pub fn labels_on_marks(&self) -> Vec<String> {
        let mut marks = self.keep_out.clone();
        for sh in &self.shapes {
            match sh {
                Shape::Rect { r, class, .. } if *class != "jr-future" => marks.push(*r),
                Shape::Circle { cx, cy, r, .. } => marks.push(Rect {
                    x0: cx - r,
                    y0: cy - r,
                    x1: cx + r,
                    y1: cy + r,
                }),
                _ => {}
            }
        }
        self.labels
            .iter()
            .filter(|l| marks.iter().any(|k| l.bbox().intersects(k)))
            .map(|l| l.text.clone())
            .collect()
    }

    /// Labels that stick out of the chart (should be none).
    pub fn labels_outside(&self) -> Vec<String> {
        self.labels
            .iter()
            .filter(|l| {
                let b = l.bbox();
                b.x0 < 0.0 || b.y0 < 0.0 || b.x1 > self.width || b.y1 > self.height
            })
            .map(|l| l.text.clone())
            .collect()
    }

    /// Writes the chart as an `<svg>` element.
    pub fn svg(&self, class: &str, id: &str, title: &str, desc: &str) -> String {
        let mut s = String::new();
        let _ = write!(
            s,
            r#"<svg class="{class}" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="system-ui, sans-serif" font-size="12" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
            esc(title),
            esc(desc),
            w = self.width,
            h = self.height,
        );
        let tip = |s: &mut String, t: &Option<String>| {
            if let Some(t) = t {
                let _ = write!(s, "<title>{}</title>", esc(t));
            }
        };
        for sh in &self.shapes {
            match sh {
                Shape::Rect {
                    r,
                    rx,
                    class,
                    title,
                } => {
                    let _ = write!(
                        s,
                        r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}""#,
                        r.x0,
                        r.y0,
                        r.x1 - r.x0,
                        r.y1 - r.y0
                    );
                    if *rx > 0.0 {
                        let _ = write!(s, r#" rx="{rx}""#);
                    }
                    if title.is_some() {
                        s.push('>');
                        tip(&mut s, title);
                        s.push_str("</rect>");
                    } else {
                        s.push_str("/>");
                    }
                }
                Shape::Circle {
                    cx,
                    cy,
                    r,
                    class,
                    title,
                } => {
                    let _ = write!(
                        s,
                        r#"<circle class="{class}" cx="{cx:.1}" cy="{cy:.1}" r="{r}""#
                    );
                    if title.is_some() {
                        s.push('>');
                        tip(&mut s, title);
                        s.push_str("</circle>");
                    } else {
                        s.push_str("/>");
                    }
                }
                Shape::Line { s: l, class } => {
                    let _ = write!(
                        s,
                        r#"<line class="{class}" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/>"#,
                        l.x1, l.y1, l.x2, l.y2
                    );
                }
                Shape::Path { points, class } => {
                    let pts: Vec<String> = points
                        .iter()
                        .map(|(x, y)| format!("{x:.1},{y:.1}"))
                        .collect();
                    let _ = write!(
                        s,
                        r#"<polyline class="{class}" points="{}"/>"#,
                        pts.join(" ")
                    );
                }
            }
        }
        for (seg, _) in &self.leaders {
            let _ = write!(
                s,
                r#"<line class="jr-leader" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/>"#,
                seg.x1, seg.y1, seg.x2, seg.y2
            );
        }
        for l in &self.labels {
            let _ = write!(
                s,
                r#"<text class="{}" x="{:.1}" y="{:.1}""#,
                l.class, l.x, l.y
            );
            if l.anchor != Anchor::Start {
                let _ = write!(s, r#" text-anchor="{}""#, l.anchor.svg());
            }
            if (l.size - 12.0).abs() > f64::EPSILON {
                let _ = write!(s, r#" font-size="{}""#, l.size);
            }
            if l.bold {
                s.push_str(r#" font-weight="700""#);
            }
            let _ = write!(s, ">{}</text>", esc(&l.text));
        }
        s.push_str("</svg>");
        s
    }
}

// ---------------------------------------------------------------------------
// The journey timeline

fn day_number(d: Date) -> f64 {
    let epoch = Date::constant(1970, 1, 1);
    d.since(epoch).map_or(0.0, |s| s.get_days() as f64)
}

fn add_days(d: Date, n: i64) -> Date {
    d.saturating_add(Span::new().days(n))
}

/// Private milestones reach the chart only in `serve --private`, and there
/// they say so.
fn private_mark(label: String, private: bool) -> String {
    if private {
        format!("{label} (private)")
    } else {
        label
    }
}

/// A role milestone: a span on the time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleSpan {
    pub start: Date,
    /// None: ongoing.
    pub end: Option<Date>,
    /// "Senior Engineer · Lumen Health".
    pub label: String,
    pub current: bool,
}

/// Any other milestone: a point on the time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPoint {
    pub date: Date,
    pub label: String,
    /// `promotion`, `education`, `certification`, `award`, `move` or `event`.
    pub kind: &'static str,
}

/// Everything the timeline shows, taken from the site.
#[derive(Debug, Clone, PartialEq)]
pub struct JourneyData {
    pub today: Date,
    pub roles: Vec<RoleSpan>,
    pub events: Vec<EventPoint>,
    /// Achievements per quarter: (year, quarter 1–4) → count.
    pub quarters: BTreeMap<(i16, i8), usize>,
}

impl JourneyData {
    pub fn from_site(site: &Site) -> JourneyData {
        let today = site.today;
        let mut roles = Vec::new();
        let mut events = Vec::new();
        for &n in &site.milestones {
            let v = site.view(n);
            let Some(start) = site.dates[n] else { continue };
            let end = v.end.as_deref().and_then(|e| e.parse::<Date>().ok());
            if v.is_role {
                let label = match (&v.role, &v.org) {
                    (Some(r), Some(o)) => format!("{r} · {o}"),
                    (Some(r), None) => r.clone(),
                    _ => v.title.clone(),
                };
                let label = private_mark(label, v.private);
                roles.push(RoleSpan {
                    start,
                    end,
                    current: end.is_none_or(|e| e >= today) && start <= today,
                    label,
                });
            }
            // A promotion is also the moment it happened, whether or not it
            // opens a role span.
            if !v.is_role || v.milestone_type == Some(MilestoneType::Promotion) {
                let kind = match v.milestone_type {
                    Some(MilestoneType::Promotion) => "promotion",
                    Some(MilestoneType::Education) => "education",
                    Some(MilestoneType::Certification) => "certification",
                    Some(MilestoneType::Award) => "award",
                    Some(MilestoneType::Move) => "move",
                    _ => "event",
                };
                events.push(EventPoint {
                    date: start,
                    label: private_mark(v.title.clone(), v.private),
                    kind,
                });
            }
        }
        let mut quarters = BTreeMap::new();
        for &n in &site.achievements {
            if let Some(d) = site.dates[n] {
                *quarters
                    .entry((d.year(), (d.month() - 1) / 3 + 1))
                    .or_default() += 1;
            }
        }
        JourneyData {
            today,
            roles,
            events,
            quarters,
        }
    }

    /// The time range shown: from 1 January of the first year to a little
    /// after the latest date, so "now" never sits at the edge.
    pub fn range(&self) -> (Date, Date) {
        let mut lo = self.today;
        let mut hi = self.today;
        let mut see = |d: Date| {
            lo = lo.min(d);
            hi = hi.max(d);
        };
        for r in &self.roles {
            see(r.start);
            if let Some(e) = r.end {
                see(e);
            }
        }
        for e in &self.events {
            see(e.date);
        }
        for &(y, q) in self.quarters.keys() {
            if let Ok(d) = Date::new(y, (q - 1) * 3 + 1, 1) {
                see(d);
            }
        }
        let t0 = Date::new(lo.year(), 1, 1).unwrap_or(lo);
        let span = (day_number(hi) - day_number(t0)).max(365.0);
        let pad = (span * 0.07).max(75.0) as i64;
        (t0, add_days(hi, pad))
    }

    fn achievement_total(&self) -> usize {
        self.quarters.values().sum()
    }

    /// The text alternative shared by both layouts.
    pub fn description(&self) -> String {
        let (t0, _) = self.range();
        format!(
            "Timeline from {} to {}: {} role{}, {} other milestone{} and {} achievement{} counted per quarter, with a marker for today ({}). The same data is listed below the chart.",
            t0.year(),
            self.today.year(),
            self.roles.len(),
            if self.roles.len() == 1 { "" } else { "s" },
            self.events.len(),
            if self.events.len() == 1 { "" } else { "s" },
            self.achievement_total(),
            if self.achievement_total() == 1 {
                ""
            } else {
                "s"
            },
            self.today
        )
    }
}

fn quarter_bounds(y: i16, q: i8) -> Option<(Date, Date)> {
    let start = Date::new(y, (q - 1) * 3 + 1, 1).ok()?;
    let end = if q == 4 {
        Date::new(y + 1, 1, 1).ok()?
    } else {
        Date::new(y, q * 3 + 1, 1).ok()?
    };
    Some((start, end))
}

fn quarter_title(y: i16, q: i8, count: usize) -> String {
    format!(
        "{y} Q{q}: {count} achievement{}",
        if count == 1 { "" } else { "s" }
    )
}

fn role_title(r: &RoleSpan) -> String {
    format!(
        "{}, {} – {}",
        r.label,
        r.start,
        r.end.map_or("now".to_string(), |e| e.to_string())
    )
}

const FONT: f64 = 12.0;
/// Longest point label drawn in full; the list below the chart has the rest.
const MAX_LABEL: f64 = 330.0;
/// Longest role name drawn in full.
const MAX_ROLE_LABEL: f64 = 380.0;

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

/// Gap between a leader and the text it points to.
const LEAD_GAP: f64 = 3.0;
/// Leaders closer than this to a label's edge count as crossing it.
const LEAD_PAD: f64 = 1.5;
/// Horizontal room kept between two labels of one row.
const ROW_GAP: f64 = 10.0;

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
pub fn layout_wide(data: &JourneyData) -> Chart {
    const W: f64 = 1000.0;
    const M: f64 = 12.0;
    const ROW_H: f64 = 19.0;
    const LANE_H: f64 = 38.0;
    const BAR_BAND: f64 = 40.0;
    const MAX_ROWS: usize = 14;
    let (t0, t1) = data.range();
    let (d0, d1) = (day_number(t0), day_number(t1));
    let frac = |d: Date| (day_number(d) - d0) / (d1 - d0);

    // Point labels, "now" among them so nothing crosses its line.
    let mut events: Vec<(Date, String, &'static str)> = data
        .events
        .iter()
        .map(|e| (e.date, e.label.clone(), e.kind))
        .collect();
    events.push((data.today, "now".to_string(), "now"));
    events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));

    let mut best: Option<(f64, Vec<Placing>)> = None;
    for max_label in [MAX_LABEL, 250.0, 180.0, 130.0] {
        let texts: Vec<(String, bool)> = events
            .iter()
            .map(|(_, label, kind)| {
                let bold = *kind == "now";
                (fit_text(label, max_label, FONT, bold), bold)
            })
            .collect();
        // The axis ends where the latest label still fits the chart.
        let mut axis_end = W - M;
        for ((date, _, _), (text, bold)) in events.iter().zip(&texts) {
            let f = frac(*date);
            let need = LEAD_GAP + text_width(text, FONT, *bold);
            if f > 0.0 && M + f * (axis_end - M) + need > W - M {
                axis_end = M + (W - M - need - M) / f;
            }
        }
        let x = |d: Date| M + frac(d) * (axis_end - M);
        let points: Vec<(f64, String, bool)> = events
            .iter()
            .zip(texts)
            .map(|((date, _, _), (text, bold))| (x(*date), text, bold))
            .collect();
        let placing = place_point_labels(&points);
        let rows = placing.iter().map(|p| p.row).max().unwrap_or(0) + 1;
        let better = best
            .as_ref()
            .is_none_or(|(_, b)| rows < b.iter().map(|p| p.row).max().unwrap_or(0) + 1);
        if better {
            best = Some((axis_end, placing));
        }
        if rows <= MAX_ROWS {
            break;
        }
    }
    let (axis_end, placing) = best.expect("one layout is always made");
    let x = |d: Date| M + frac(d) * (axis_end - M);
    let nx = x(data.today);
    let rows = placing.iter().map(|p| p.row).max().unwrap_or(0) + 1;
    let top = 6.0;
    let axis_y = top + rows as f64 * ROW_H + 14.0;
    let row_mid = |r: usize| axis_y - 18.0 - r as f64 * ROW_H;

    // Role lanes: a role's name sits above its bar and may run past its
    // end; lanes keep names and bars apart, and names off the "now" line.
    let mut roles: Vec<&RoleSpan> = data.roles.iter().collect();
    roles.sort_by_key(|r| (r.start, r.end));
    let mut lanes: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut role_rows = Vec::new();
    for r in &roles {
        let bx0 = x(r.start);
        let bx1 = x(r.end.unwrap_or(data.today).max(r.start)).max(bx0 + 3.0);
        let bold = r.current;
        let mut text = fit_text(&r.label, MAX_ROLE_LABEL, FONT, bold);
        let mut w = text_width(&text, FONT, bold);
        let mut lx = bx0 + 2.0;
        if lx + w > W - M {
            lx = W - M - w;
        }
        if lx < nx + 4.0 && lx + w > nx - 4.0 {
            // The name would cross the "now" line: keep it on one side.
            let left_room = nx - 4.0 - M;
            let right_room = W - M - (nx + 4.0);
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
        role_rows.push((*r, bx0, bx1, text, lx, lane));
    }
    let lanes_top = axis_y + 10.0;
    let lanes_bottom = lanes_top + lanes.len().max(1) as f64 * LANE_H;
    let bars_top = lanes_bottom + 4.0;
    let bars_base = bars_top + BAR_BAND;
    let years_y = bars_base + 16.0;
    let height = years_y + 8.0;

    let mut c = Chart {
        width: W,
        height,
        ..Chart::default()
    };
    // The future, lightly shaded.
    c.shapes.push(Shape::Rect {
        r: Rect {
            x0: nx,
            y0: axis_y,
            x1: axis_end,
            y1: bars_base,
        },
        rx: 0.0,
        class: "jr-future",
        title: None,
    });
    // Years: grid lines below the axis, labels at the bottom, as many as fit.
    let per_year = 365.25 / (d1 - d0) * (axis_end - M);
    let label_w = text_width("2000", FONT, false) + 10.0;
    let step = [1, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|s| f64::from(*s) * per_year >= label_w)
        .unwrap_or(100);
    for y in t0.year()..=t1.year() {
        let Ok(d) = Date::new(y, 1, 1) else { continue };
        if d < t0 || d > t1 {
            continue;
        }
        let gx = x(d);
        c.shapes.push(Shape::Line {
            s: Segment {
                x1: gx,
                y1: axis_y,
                x2: gx,
                y2: bars_base,
            },
            class: "jr-grid",
        });
        if i32::from(y - t0.year()) % step == 0
            && gx + 3.0 + text_width(&y.to_string(), FONT, false) <= W - M
        {
            c.labels.push(Label {
                text: y.to_string(),
                x: gx + 3.0,
                y: years_y,
                anchor: Anchor::Start,
                size: FONT,
                bold: false,
                class: "jr-year",
            });
        }
    }
    c.shapes.push(Shape::Line {
        s: Segment {
            x1: M,
            y1: axis_y,
            x2: axis_end,
            y2: axis_y,
        },
        class: "jr-axis",
    });
    c.shapes.push(Shape::Line {
        s: Segment {
            x1: M,
            y1: bars_base,
            x2: axis_end,
            y2: bars_base,
        },
        class: "jr-baseline",
    });
    // Roles.
    for (r, bx0, bx1, text, lx, lane) in &role_rows {
        let ly = lanes_top + *lane as f64 * LANE_H;
        c.shapes.push(Shape::Rect {
            r: Rect {
                x0: *bx0,
                y0: ly + 17.0,
                x1: *bx1,
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
        if !text.is_empty() {
            c.labels.push(Label {
                text: text.clone(),
                x: *lx,
                y: ly + 12.0,
                anchor: Anchor::Start,
                size: FONT,
                bold: r.current,
                class: "jr-role-label",
            });
        }
    }
    // Achievements per quarter.
    let max = data.quarters.values().copied().max().unwrap_or(1).max(1) as f64;
    for (&(y, q), &count) in &data.quarters {
        let Some((qs, qe)) = quarter_bounds(y, q) else {
            continue;
        };
        let h = (count as f64 / max * (BAR_BAND - 6.0)).max(2.0);
        c.shapes.push(Shape::Rect {
            r: Rect {
                x0: x(qs) + 0.5,
                y0: bars_base - h,
                x1: (x(qe) - 0.5).max(x(qs) + 1.5),
                y1: bars_base,
            },
            rx: 0.0,
            class: "jr-bar",
            title: Some(quarter_title(y, q, count)),
        });
    }
    // The now line, from its label down through lanes and bars.
    let now_row = placing
        .iter()
        .zip(&events)
        .find(|(_, e)| e.2 == "now")
        .map_or(0, |(p, _)| p.row);
    c.shapes.push(Shape::Line {
        s: Segment {
            x1: nx,
            y1: row_mid(now_row) - 4.0,
            x2: nx,
            y2: bars_base,
        },
        class: "jr-now",
    });
    c.keep_out.push(Rect {
        x0: nx - 1.0,
        y0: row_mid(now_row) - 4.0,
        x1: nx + 1.0,
        y1: bars_base,
    });
    // Points, their leaders and labels.
    for (p, (date, label, kind)) in placing.iter().zip(&events) {
        let px = &p.px;
        let mid = row_mid(p.row);
        if *kind != "now" {
            c.shapes.push(Shape::Circle {
                cx: *px,
                cy: axis_y,
                r: 5.5,
                class: format!("jr-point jr-{kind}"),
                title: Some(format!("{label}: {date}")),
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
            class: if *kind == "now" {
                "jr-now-label"
            } else {
                "jr-label"
            },
        });
        if *kind != "now" {
            c.leaders.push((
                Segment {
                    x1: *px,
                    y1: axis_y - 6.0,
                    x2: *px,
                    y2: mid - 4.0,
                },
                c.labels.len() - 1,
            ));
        }
    }
    c
}

/// The vertical timeline for narrow screens, 360 units wide: time runs
/// down, years on the left, achievements per quarter as bars left of the
/// axis, roles as bars in lanes right of it, and every name in one column on
/// the right, pushed down where names crowd and tied to its date by a
/// leader. The scale grows until no name drifts far from its date.
pub fn layout_narrow(data: &JourneyData) -> Chart {
    const W: f64 = 360.0;
    const LINE_H: f64 = 15.0;
    const AXIS_X: f64 = 82.0;
    const LANE_W: f64 = 10.0;
    let (t0, t1) = data.range();
    let d0 = day_number(t0);

    let mut roles: Vec<&RoleSpan> = data.roles.iter().collect();
    roles.sort_by_key(|r| (r.start, r.end));
    let mut lane_ends: Vec<Date> = Vec::new();
    let mut role_lane = Vec::new();
    for r in &roles {
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
        role_lane.push(lane);
    }
    let lane_x = |l: usize| AXIS_X + 7.0 + l as f64 * LANE_W;
    let col_x = lane_x(lane_ends.len()) + 16.0;
    let col_w = W - 4.0 - col_x;

    // Names in the column: (date, lines, bold, class, mark x).
    struct Name {
        date: Date,
        lines: Vec<String>,
        bold: bool,
        class: &'static str,
        from_x: f64,
    }
    let mut names: Vec<Name> = Vec::new();
    for (r, lane) in roles.iter().zip(&role_lane) {
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

    let top = 14.0;
    let mut per_year = 40.0;
    let mut tops: Vec<f64> = Vec::new();
    for _ in 0..12 {
        let y = |d: Date| top + (day_number(d) - d0) / 365.25 * per_year;
        tops.clear();
        let mut next_free = 0.0f64;
        let mut drift = 0.0f64;
        for nm in &names {
            let h = nm.lines.len() as f64 * LINE_H;
            let want = y(nm.date) - LINE_H / 2.0 - 2.0;
            let at = want.max(next_free).max(2.0);
            drift = drift.max(at - want);
            tops.push(at);
            next_free = at + h + 5.0;
        }
        if drift <= 28.0 || per_year >= 320.0 {
            break;
        }
        per_year *= 1.25;
    }
    let y = |d: Date| top + (day_number(d) - d0) / 365.25 * per_year;
    let axis_end = y(t1);
    let names_bottom = names
        .iter()
        .zip(&tops)
        .map(|(nm, t)| t + nm.lines.len() as f64 * LINE_H)
        .fold(0.0f64, f64::max);
    let height = axis_end.max(names_bottom) + 10.0;
    let ny = y(data.today);

    let mut c = Chart {
        width: W,
        height,
        ..Chart::default()
    };
    c.shapes.push(Shape::Rect {
        r: Rect {
            x0: 36.0,
            y0: ny,
            x1: col_x - 12.0,
            y1: axis_end,
        },
        rx: 0.0,
        class: "jr-future",
        title: None,
    });
    // Years.
    let label_gap = 18.0;
    let mut last_label = f64::NEG_INFINITY;
    for yr in t0.year()..=t1.year() {
        let Ok(d) = Date::new(yr, 1, 1) else { continue };
        if d > t1 {
            continue;
        }
        let gy = y(d);
        c.shapes.push(Shape::Line {
            s: Segment {
                x1: 36.0,
                y1: gy,
                x2: col_x - 12.0,
                y2: gy,
            },
            class: "jr-grid",
        });
        if gy - last_label >= label_gap && gy + 4.0 + FONT * 0.24 <= height {
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
    c.shapes.push(Shape::Line {
        s: Segment {
            x1: AXIS_X,
            y1: top - 6.0,
            x2: AXIS_X,
            y2: axis_end,
        },
        class: "jr-axis",
    });
    // Achievements per quarter, growing left from the axis.
    let max = data.quarters.values().copied().max().unwrap_or(1).max(1) as f64;
    for (&(yr, q), &count) in &data.quarters {
        let Some((qs, qe)) = quarter_bounds(yr, q) else {
            continue;
        };
        let len = (count as f64 / max * 34.0).max(2.0);
        c.shapes.push(Shape::Rect {
            r: Rect {
                x0: AXIS_X - 3.0 - len,
                y0: y(qs) + 0.5,
                x1: AXIS_X - 3.0,
                y1: (y(qe) - 0.5).max(y(qs) + 1.5),
            },
            rx: 0.0,
            class: "jr-bar",
            title: Some(quarter_title(yr, q, count)),
        });
    }
    // Role bars.
    for (r, lane) in roles.iter().zip(&role_lane) {
        let y0 = y(r.start);
        let y1 = y(r.end.unwrap_or(data.today).max(r.start)).max(y0 + 3.0);
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
    // Now.
    c.shapes.push(Shape::Line {
        s: Segment {
            x1: 36.0,
            y1: ny,
            x2: col_x - 12.0,
            y2: ny,
        },
        class: "jr-now",
    });
    for e in &data.events {
        c.shapes.push(Shape::Circle {
            cx: AXIS_X,
            cy: y(e.date),
            r: 5.0,
            class: format!("jr-point jr-{}", e.kind),
            title: Some(format!("{}: {}", e.label, e.date)),
        });
    }
    // Names and their leaders.
    for (nm, t) in names.iter().zip(&tops) {
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
        // Along the date, then a short diagonal to the name.
        let from_y = y(nm.date);
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
    c
}

/// The two timelines, wide and narrow (CSS shows the one that fits).
pub struct Timeline {
    pub wide: String,
    pub narrow: String,
}

pub fn timeline(site: &Site) -> Timeline {
    let data = JourneyData::from_site(site);
    let desc = data.description();
    Timeline {
        wide: layout_wide(&data).svg(
            "journey-chart journey-wide",
            "journey",
            "Career timeline",
            &desc,
        ),
        narrow: layout_narrow(&data).svg(
            "journey-chart journey-narrow",
            "journey-n",
            "Career timeline",
            &desc,
        ),
    }
}

// ---------------------------------------------------------------------------
// The writing habit

fn monday_of(d: Date) -> Date {
    let back = d.weekday().to_monday_zero_offset();
    d.saturating_sub(Span::new().days(i64::from(back)))
}

/// Achievements per ISO week over the 52 weeks up to today's, and the
/// current streak.
#[derive(Debug, Clone, PartialEq)]
pub struct Habit {
    /// Monday of each week, oldest first, with its count.
    pub weeks: Vec<(Date, usize)>,
    /// Weeks in a row with at least one achievement, up to this week (or
    /// last week, while this one has none yet).
    pub streak: usize,
    /// Weeks of the 52 with at least one.
    pub active: usize,
}

pub fn habit(achievement_dates: &[Date], today: Date) -> Habit {
    let this_monday = monday_of(today);
    let first = this_monday.saturating_sub(Span::new().weeks(51));
    let mut by_week: std::collections::HashMap<Date, usize> = Default::default();
    for &d in achievement_dates {
        *by_week.entry(monday_of(d)).or_default() += 1;
    }
    let weeks: Vec<(Date, usize)> = (0..52)
        .map(|i| {
            let m = first.saturating_add(Span::new().weeks(i));
            (m, by_week.get(&m).copied().unwrap_or(0))
        })
        .collect();
    let mut streak = 0;
    let mut m = this_monday;
    if by_week.get(&m).copied().unwrap_or(0) == 0 {
        m = m.saturating_sub(Span::new().weeks(1));
    }
    while by_week.get(&m).copied().unwrap_or(0) > 0 {
        streak += 1;
        m = m.saturating_sub(Span::new().weeks(1));
    }
    let active = weeks.iter().filter(|w| w.1 > 0).count();
    Habit {
        weeks,
        streak,
        active,
    }
}

/// The heatmap laid out in `rows` rows of `52 / rows` weeks, a month name
/// over the first week of each month where it fits, and a legend.
pub fn layout_heatmap(h: &Habit, rows: usize) -> Chart {
    let rows = rows.clamp(1, 4);
    let cols = h.weeks.len().div_ceil(rows);
    let (cell, gap) = if rows == 1 { (14.0, 3.0) } else { (11.0, 2.0) };
    let pitch = cell + gap;
    let width = (cols as f64 * pitch + 2.0).max(200.0);
    let row_h = 14.0 + pitch;
    let legend_y = rows as f64 * row_h + 16.0;
    let mut c = Chart {
        width,
        height: legend_y + 8.0,
        ..Chart::default()
    };
    for r in 0..rows {
        let mut last_end = f64::NEG_INFINITY;
        let mut last_month = None;
        for col in 0..cols {
            let i = r * cols + col;
            let Some(&(m, count)) = h.weeks.get(i) else {
                continue;
            };
            let x = 1.0 + col as f64 * pitch;
            let y = r as f64 * row_h + 14.0;
            // A month is named over the week holding its first Monday.
            if last_month != Some(m.month()) {
                let name = m.strftime("%b").to_string();
                let w = text_width(&name, 11.0, false);
                let new_month = last_month.is_some() || m.day() <= 7;
                if new_month && x >= last_end + 4.0 && x + w <= width {
                    c.labels.push(Label {
                        text: name,
                        x,
                        y: y - 4.0,
                        anchor: Anchor::Start,
                        size: 11.0,
                        bold: false,
                        class: "hm-month",
                    });
                    last_end = x + w;
                }
                last_month = Some(m.month());
            }
            let w = m.iso_week_date();
            c.shapes.push(Shape::Rect {
                r: Rect {
                    x0: x,
                    y0: y,
                    x1: x + cell,
                    y1: y + cell,
                },
                rx: 2.5,
                class: ["hm-0", "hm-1", "hm-2", "hm-3"][count.min(3)],
                title: Some(format!(
                    "Week {} of {} (from {}): {count} achievement{}",
                    w.week(),
                    w.year(),
                    m.strftime("%b %-d"),
                    if count == 1 { "" } else { "s" }
                )),
            });
        }
    }
    // Legend, right-aligned: "Fewer ▢▢▢▢ More".
    let lc = 10.0;
    let more_w = text_width("More", 11.0, false);
    let mut x = width - 2.0 - more_w;
    c.labels.push(Label {
        text: "More".into(),
        x,
        y: legend_y + 1.0,
        anchor: Anchor::Start,
        size: 11.0,
        bold: false,
        class: "hm-month",
    });
    x -= 4.0;
    for level in (0..4).rev() {
        x -= lc;
        c.shapes.push(Shape::Rect {
            r: Rect {
                x0: x,
                y0: legend_y - 8.0,
                x1: x + lc,
                y1: legend_y + 2.0,
            },
            rx: 2.0,
            class: ["hm-0", "hm-1", "hm-2", "hm-3"][level],
            title: None,
        });
        x -= 3.0;
    }
    c.labels.push(Label {
        text: "Fewer".into(),
        x: x - 2.0,
        y: legend_y + 1.0,
        anchor: Anchor::End,
        size: 11.0,
        bold: false,
        class: "hm-month",
    });
    c
}

/// The two heatmaps (one row of 52 weeks, two rows of 26), and the streak.
pub struct Heatmap {
    pub wide: String,
    pub narrow: String,
    pub streak: usize,
    pub active: usize,
}

pub fn heatmap(site: &Site) -> Heatmap {
    let dates: Vec<Date> = site
        .achievements
        .iter()
        .filter_map(|&n| site.dates[n])
        .collect();
    let h = habit(&dates, site.today);
    let desc = format!(
        "{} of the last 52 weeks have at least one achievement; the current streak is {} week{}.",
        h.active,
        h.streak,
        if h.streak == 1 { "" } else { "s" }
    );
    let title = "Achievements per week, last 52 weeks";
    Heatmap {
        wide: layout_heatmap(&h, 1).svg("heatmap heatmap-wide", "heatmap", title, &desc),
        narrow: layout_heatmap(&h, 2).svg("heatmap heatmap-narrow", "heatmap-n", title, &desc),
        streak: h.streak,
        active: h.active,
    }
}

// ---------------------------------------------------------------------------
// Wellbeing

/// One reflection's scores, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct WellbeingPoint {
    pub label: String,
    pub scores: crate::model::entry::Wellbeing,
}

/// Lines for the five areas on a 1–10 scale, with a legend below. Lines
/// differ by dash pattern as well as colour.
pub fn layout_wellbeing(points: &[WellbeingPoint], width: f64) -> Chart {
    let w = width.max(240.0);
    let (plot_top, plot_h) = (12.0, if w < 400.0 { 150.0 } else { 170.0 });
    let (l, r) = (34.0, 26.0);
    let pw = w - l - r;
    let n = points.len();
    let x = |i: usize| {
        if n <= 1 {
            l + pw / 2.0
        } else {
            l + i as f64 / (n - 1) as f64 * pw
        }
    };
    let y = |v: u8| plot_top + (10.0 - f64::from(v.clamp(1, 10))) / 9.0 * plot_h;
    let axis_y = plot_top + plot_h;
    let legend_y = axis_y + 50.0;
    let mut c = Chart {
        width: w,
        height: legend_y + 10.0,
        ..Chart::default()
    };
    for v in [1u8, 4, 7, 10] {
        c.shapes.push(Shape::Line {
            s: Segment {
                x1: l,
                y1: y(v),
                x2: l + pw,
                y2: y(v),
            },
            class: "wb-grid",
        });
        c.labels.push(Label {
            text: v.to_string(),
            x: l - 8.0,
            y: y(v) + 4.0,
            anchor: Anchor::End,
            size: FONT,
            bold: false,
            class: "wb-axis",
        });
    }
    // Period labels, thinned from the latest backwards so they never touch.
    let mut next_start = f64::INFINITY;
    for (i, p) in points.iter().enumerate().rev() {
        let wdt = text_width(&p.label, FONT, false);
        let (anchor, ax, x0) = if n > 1 && i == 0 {
            (Anchor::Start, x(i) - 6.0, x(i) - 6.0)
        } else if n > 1 && i == n - 1 {
            (Anchor::End, x(i) + 6.0, x(i) + 6.0 - wdt)
        } else {
            (Anchor::Middle, x(i), x(i) - wdt / 2.0)
        };
        if x0 + wdt + 8.0 <= next_start {
            c.labels.push(Label {
                text: p.label.clone(),
                x: ax,
                y: axis_y + 20.0,
                anchor,
                size: FONT,
                bold: false,
                class: "wb-axis",
            });
            next_start = x0;
        }
    }
    for (k, dim) in crate::model::entry::Wellbeing::DIMENSIONS
        .iter()
        .enumerate()
    {
        // Scores are whole numbers, so two areas often share a value and
        // one line would hide the other: each area sits a few pixels off
        // the next (6 px either side at most, under a third of a point;
        // the dots' titles give the exact score).
        let dodge = (k as f64 - 2.0) * 3.0;
        let pts: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.scores.get(dim).map(|v| (x(i), y(v) + dodge)))
            .collect();
        if pts.len() > 1 {
            c.shapes.push(Shape::Path {
                points: pts.clone(),
                class: format!("wb-line wb-{dim}"),
            });
        }
        for (i, (a, b)) in pts.iter().enumerate() {
            let v = points
                .iter()
                .filter(|p| p.scores.get(dim).is_some())
                .nth(i)
                .map(|p| (p.label.clone(), p.scores.get(dim).unwrap_or(0)));
            c.shapes.push(Shape::Circle {
                cx: *a,
                cy: *b,
                r: 3.5,
                class: format!("wb-dot wb-{dim}"),
                title: v.map(|(lab, s)| format!("{dim}, {lab}: {s}/10")),
            });
        }
    }
    // Legend: a sample line and the name of each area, wrapping to a new
    // row when the next one would not fit.
    let (mut lx, mut ly) = (l, legend_y);
    for dim in crate::model::entry::Wellbeing::DIMENSIONS {
        let item = 22.0 + 6.0 + text_width(dim, FONT, false);
        if lx + item > w - 4.0 {
            lx = l;
            ly += 20.0;
        }
        c.shapes.push(Shape::Path {
            points: vec![(lx, ly - 4.0), (lx + 22.0, ly - 4.0)],
            class: format!("wb-line wb-{dim}"),
        });
        c.keep_out.push(Rect {
            x0: lx,
            y0: ly - 6.0,
            x1: lx + 22.0,
            y1: ly - 2.0,
        });
        c.labels.push(Label {
            text: dim.to_string(),
            x: lx + 28.0,
            y: ly,
            anchor: Anchor::Start,
            size: FONT,
            bold: false,
            class: "wb-legend",
        });
        lx += item + 22.0;
    }
    c.height = ly + 10.0;
    c
}

/// The wellbeing trend, wide and narrow (CSS shows the one that fits).
pub struct Trend {
    pub wide: String,
    pub narrow: String,
}

/// Wellbeing across the reflections the audience sees, oldest first.
/// Private reflections never reach a public build, so neither does their
/// part of this trend.
pub fn wellbeing_trend(site: &Site) -> Option<Trend> {
    let mut rows: Vec<(Date, WellbeingPoint)> = site
        .reflections
        .iter()
        .filter_map(|&n| {
            let v = site.view(n);
            Some((
                site.dates[n]?,
                WellbeingPoint {
                    label: v
                        .period
                        .clone()
                        .unwrap_or_else(|| v.date.clone().unwrap_or_default()),
                    scores: v.wellbeing?,
                },
            ))
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    rows.sort_by_key(|r| r.0);
    let points: Vec<WellbeingPoint> = rows.into_iter().map(|r| r.1).collect();
    let n = points.len();
    let desc = format!(
        "Scores from 1 to 10 for career, health, relationships, growth and purpose across {n} reflection{}; the table below lists them.",
        if n == 1 { "" } else { "s" }
    );
    let title = "Wellbeing over time";
    Some(Trend {
        wide: layout_wellbeing(&points, 560.0).svg(
            "wellbeing-chart wellbeing-wide",
            "wb",
            title,
            &desc,
        ),
        narrow: layout_wellbeing(&points, 340.0).svg(
            "wellbeing-chart wellbeing-narrow",
            "wb-n",
            title,
            &desc,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    pub(super) fn career_for_dump(years: i16, per_year: usize) -> JourneyData {
        career(years, per_year)
    }

    fn check(c: &Chart, what: &str) {
        assert!(
            c.overlapping_labels().is_empty(),
            "{what}: overlapping labels {:?}",
            c.overlapping_labels()
        );
        assert!(
            c.crossed_labels().is_empty(),
            "{what}: leaders crossing labels {:?}",
            c.crossed_labels()
        );
        assert!(
            c.labels_on_marks().is_empty(),
            "{what}: labels on marks {:?}",
            c.labels_on_marks()
        );
        assert!(
            c.labels_outside().is_empty(),
            "{what}: labels outside the chart {:?}",
            c.labels_outside()
        );
    }

    /// A synthetic career of `years` years ending today, with a role every
    /// `role_every` years (some overlapping), and events of every kind,
    /// some on the same day and some near the end.
    fn career(years: i16, events_per_year: usize) -> JourneyData {
        let today = d("2026-11-23");
        let first = today.year() - years;
        let mut roles = Vec::new();
        let mut y = first;
        let mut k = 0;
        while y < today.year() {
            let len = 1 + (k % 3) as i16;
            let end = Date::new(y + len, 5, 31).unwrap();
            roles.push(RoleSpan {
                start: Date::new(y, 2 + (k % 5) as i8, 1).unwrap(),
                end: (end < today).then_some(end),
                label: format!(
                    "{} Engineer · Company Number {k} International",
                    ["Junior", "Senior", "Staff", "Principal"][k % 4]
                ),
                current: end >= today,
            });
            if k % 4 == 1 {
                // A side role overlapping the main one.
                roles.push(RoleSpan {
                    start: Date::new(y, 9, 1).unwrap(),
                    end: Some(Date::new(y + 1, 3, 1).unwrap()),
                    label: "Volunteer mentor · Code Club".into(),
                    current: false,
                });
            }
            y += len;
            k += 1;
        }
        let kinds = ["promotion", "certification", "award", "move", "education"];
        let mut events = Vec::new();
        for yy in first..=today.year() {
            for e in 0..events_per_year {
                let month = 1 + ((e * 5 + yy as usize) % 11) as i8;
                let date = Date::new(yy, month, 10).unwrap().min(today);
                events.push(EventPoint {
                    date,
                    label: format!(
                        "{} {}: {}",
                        [
                            "Promoted to",
                            "Certified in",
                            "Won the",
                            "Moved to",
                            "Graduated"
                        ][e % 5],
                        yy,
                        [
                            "Lead",
                            "Kubernetes Administrator",
                            "Reliability Champion award",
                            "Lisbon",
                            "MSc Distributed Systems"
                        ][e % 5]
                    ),
                    kind: kinds[e % 5],
                });
            }
        }
        // Two on the same day, and one a week before today.
        events.push(EventPoint {
            date: d("2026-03-01"),
            label: "Same-day A".into(),
            kind: "award",
        });
        events.push(EventPoint {
            date: d("2026-03-01"),
            label: "Same-day B with a longer name".into(),
            kind: "move",
        });
        events.push(EventPoint {
            date: d("2026-11-16"),
            label: "Just last week: a certification".into(),
            kind: "certification",
        });
        let mut quarters = BTreeMap::new();
        for yy in first..=today.year() {
            for q in 1..=4 {
                quarters.insert((yy, q), ((yy as usize * 7 + q as usize) % 9) + 1);
            }
        }
        JourneyData {
            today,
            roles,
            events,
            quarters,
        }
    }

    #[test]
    fn timelines_of_1_5_and_20_years_have_no_overlaps() {
        for years in [1, 5, 20] {
            for per_year in [0, 1, 2, 3] {
                let data = career(years, per_year);
                let wide = layout_wide(&data);
                check(&wide, &format!("wide, {years} years, {per_year}/year"));
                let narrow = layout_narrow(&data);
                check(&narrow, &format!("narrow, {years} years, {per_year}/year"));
                // Every event and role has its name drawn, whole or shortened.
                let drawn = wide
                    .labels
                    .iter()
                    .filter(|l| l.class == "jr-label" || l.class == "jr-role-label")
                    .count();
                let empty: Vec<String> = wide
                    .labels
                    .iter()
                    .filter(|l| l.text.chars().count() < 8)
                    .map(|l| format!("{:?} at {:.0},{:.0}", l.text, l.x, l.y))
                    .collect();
                assert_eq!(
                    drawn,
                    data.events.len() + data.roles.len(),
                    "{years} years, {per_year}/year: every milestone is labelled"
                );
                if per_year <= 2 {
                    assert!(
                        empty
                            .iter()
                            .all(|e| e.starts_with("\"20") || e.starts_with("\"now")),
                        "{years} years, {per_year}/year: labels cut short: {empty:?}"
                    );
                }
                assert!(
                    per_year > 1 || wide.height < 950.0,
                    "{years} years, {per_year}/year: {} units tall",
                    wide.height
                );
            }
        }
    }

    #[test]
    fn an_empty_journey_still_draws_now() {
        let data = JourneyData {
            today: d("2026-11-23"),
            roles: vec![],
            events: vec![],
            quarters: BTreeMap::new(),
        };
        let c = layout_wide(&data);
        check(&c, "empty");
        assert!(c.labels.iter().any(|l| l.text == "now"));
        check(&layout_narrow(&data), "empty narrow");
    }

    #[test]
    fn now_is_away_from_the_right_edge() {
        let data = career(20, 1);
        let c = layout_wide(&data);
        let now = c.labels.iter().find(|l| l.text == "now").unwrap();
        assert!(now.x < c.width - 40.0, "now at {}", now.x);
    }

    #[test]
    fn role_names_are_not_cut_when_they_fit_the_chart() {
        let data = career(20, 0);
        let c = layout_wide(&data);
        for r in &data.roles {
            assert!(
                c.labels.iter().any(|l| l.text == r.label),
                "{} is drawn in full",
                r.label
            );
        }
    }

    #[test]
    fn dense_points_near_the_right_edge_are_placed() {
        // Many points in the last months, where labels must read leftwards.
        let today = d("2026-11-23");
        let events = (0..12)
            .map(|i| EventPoint {
                date: today.saturating_sub(Span::new().days(i * 9)),
                label: format!("A rather long milestone name number {i}"),
                kind: "award",
            })
            .collect();
        let data = JourneyData {
            today,
            roles: vec![],
            events,
            quarters: BTreeMap::new(),
        };
        check(&layout_wide(&data), "dense right");
        check(&layout_narrow(&data), "dense right narrow");
    }

    #[test]
    fn heatmap_counts_weeks_and_streaks() {
        let today = d("2026-11-23"); // a Monday
        let dates = [
            d("2026-11-20"),
            d("2026-11-13"),
            d("2026-11-12"),
            d("2026-11-06"),
            d("2026-10-01"),
        ];
        let h = habit(&dates, today);
        assert_eq!(h.weeks.len(), 52);
        assert_eq!(h.streak, 3, "this week has none yet: counts from last week");
        assert_eq!(h.weeks[50].1, 1);
        assert_eq!(h.weeks[49].1, 2);
        assert_eq!(h.active, 4);
        for rows in [1, 2] {
            check(&layout_heatmap(&h, rows), "heatmap");
        }
    }

    #[test]
    fn wellbeing_lines_with_equal_scores_stay_visible() {
        let same = crate::model::entry::Wellbeing {
            career: Some(6),
            health: Some(6),
            relationships: Some(6),
            growth: Some(6),
            purpose: Some(6),
        };
        let points: Vec<WellbeingPoint> = ["2026-Q1", "2026-Q2", "2026-Q3"]
            .iter()
            .map(|l| WellbeingPoint {
                label: l.to_string(),
                scores: same,
            })
            .collect();
        let c = layout_wellbeing(&points, 560.0);
        // The five trend lines (the legend's samples have two points).
        let lines: Vec<&Vec<(f64, f64)>> = c
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Path { points, class }
                    if class.starts_with("wb-line") && points.len() == 3 =>
                {
                    Some(points)
                }
                _ => None,
            })
            .collect();
        assert_eq!(lines.len(), 5);
        let mut ys: Vec<f64> = lines.iter().map(|p| p[0].1).collect();
        ys.sort_by(f64::total_cmp);
        for pair in ys.windows(2) {
            // Wider apart than half a line's stroke: both show.
            assert!(pair[1] - pair[0] >= 2.5, "{ys:?}");
        }
        // Still within a third of a point of the true score (a point is
        // 170 / 9 px here): 6 px either side at most.
        assert!(ys[4] - ys[0] <= 12.0 + 1e-9, "{ys:?}");
    }

    #[test]
    fn wellbeing_labels_never_touch() {
        let scores = crate::model::entry::Wellbeing {
            career: Some(7),
            health: Some(5),
            relationships: None,
            growth: Some(9),
            purpose: Some(3),
        };
        for n in [1, 2, 5, 30] {
            let points: Vec<WellbeingPoint> = (0..n)
                .map(|i| WellbeingPoint {
                    label: format!("{}-Q{}", 2020 + i / 4, i % 4 + 1),
                    scores,
                })
                .collect();
            for width in [560.0, 340.0] {
                let c = layout_wellbeing(&points, width);
                check(&c, &format!("wellbeing {n} at {width}"));
                assert!(
                    c.labels.iter().any(|l| l.text == points[n - 1].label),
                    "the latest period is named"
                );
            }
        }
    }

    #[test]
    fn text_is_wrapped_and_shortened_to_fit() {
        let lines = wrap_text(
            "Certified Kubernetes Administrator (CKA) and a very long tail of words",
            150.0,
            12.0,
            false,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| text_width(l, 12.0, false) <= 150.0));
        assert!(lines[1].ends_with('…'));
    }
}

#[cfg(test)]
mod dump {
    /// `WAYMARK_DUMP_CHARTS=dir cargo test --lib dump` writes sample charts
    /// for a person to look at.
    #[test]
    fn dump_sample_charts() {
        let Some(dir) = std::env::var_os("WAYMARK_DUMP_CHARTS") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let css = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/static/style.css"
        ));
        for years in [1, 5, 20] {
            for per_year in [1, 2, 3] {
                let data = super::tests::career_for_dump(years, per_year);
                let wide = super::layout_wide(&data).svg("journey-chart", "w", "t", "d");
                let narrow = super::layout_narrow(&data).svg("journey-chart", "n", "t", "d");
                std::fs::write(
                    dir.join(format!("journey-{years}y-{per_year}.html")),
                    format!("<!doctype html><meta charset=utf-8><style>{css}</style><body><div style='max-width:1000px'>{wide}</div><div style='width:360px'>{narrow}</div>"),
                )
                .unwrap();
            }
        }
    }
}

#[cfg(test)]
mod widths {
    /// The estimate against widths measured in headless Chromium with the
    /// theme's font stack at 12 px (DejaVu Sans on Debian): it must never
    /// be smaller, or real labels could touch.
    #[test]
    fn text_width_is_never_below_the_measured_width() {
        for (s, regular, bold) in [
            ("Certified Kubernetes Administrator (CKA)", 246.1, 281.2),
            ("Senior Platform Engineer · Corvo", 196.4, 222.7),
            ("WWWWMMMM", 88.9, 100.7),
            ("iiiilll", 23.3, 28.8),
            ("2026", 30.5, 33.4),
            ("Promoted to Tech Lead, Scheduling", 210.9, 239.2),
            ("Moved to Lisbon", 98.3, 111.4),
            ("now", 24.9, 27.9),
            ("Inês Carvalho — São Paulo", 160.1, 179.1),
            ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 209.7, 235.8),
            ("abcdefghijklmnopqrstuvwxyz 0123456789", 255.9, 286.2),
        ] {
            let (r, b) = (
                super::text_width(s, 12.0, false),
                super::text_width(s, 12.0, true),
            );
            assert!(r >= regular, "{s}: {r:.1} < {regular}");
            assert!(b >= bold, "{s} (bold): {b:.1} < {bold}");
        }
    }
}
