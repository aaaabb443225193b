//! The drawing layer the charts share, so that each chart's file is only
//! its layout: boxes and text widths, the shapes a chart is made of, the
//! SVG writer, and the checks every chart's tests make on a layout (no two
//! labels overlap, no leader crosses a label, no label covers a mark or
//! sticks out of the chart). A layout is a [`Chart`] before it is text, so
//! those checks read positions rather than parse SVG.

use std::fmt::Write as _;

use crate::text::esc;

/// The size of most chart text, and the SVG's default (`Chart::svg` writes
/// a size only for labels of another).
pub(super) const FONT: f64 = 12.0;

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
pub(crate) fn text_width(s: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = s.chars().map(char_em).sum();
    em * size * if bold { 1.15 } else { 1.0 }
}

/// Shortens `s` with an ellipsis so that it fits `max` units.
pub(super) fn fit_text(s: &str, max: f64, size: f64, bold: bool) -> String {
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
pub(super) fn wrap_text(s: &str, max: f64, size: f64, bold: bool, max_lines: usize) -> Vec<String> {
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
pub(crate) struct Label {
    pub(crate) text: String,
    /// Anchor point and baseline.
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) anchor: Anchor,
    pub(crate) size: f64,
    pub(crate) bold: bool,
    pub(crate) class: &'static str,
}

impl Label {
    /// The box the text occupies: its estimated advance width, from the
    /// ascender to the descender.
    #[cfg(test)]
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
pub(crate) enum Shape {
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
    /// A closed, filled outline (the north star).
    Polygon {
        points: Vec<(f64, f64)>,
        class: &'static str,
    },
    /// A share of a circle's outline from twelve o'clock clockwise: a
    /// goal's progress, `progress` percent of the way round.
    Ring {
        cx: f64,
        cy: f64,
        r: f64,
        progress: u8,
        class: &'static str,
    },
}

impl Shape {
    /// The box a mark covers, for the checks; lines and paths cover none.
    #[cfg(test)]
    fn mark_box(&self) -> Option<Rect> {
        let round = |cx: f64, cy: f64, r: f64| Rect {
            x0: cx - r,
            y0: cy - r,
            x1: cx + r,
            y1: cy + r,
        };
        match self {
            Shape::Rect { r, class, .. } if *class != "jr-future" => Some(*r),
            Shape::Circle { cx, cy, r, .. } | Shape::Ring { cx, cy, r, .. } => {
                Some(round(*cx, *cy, *r))
            }
            Shape::Polygon { points, .. } => Some(points.iter().fold(
                Rect {
                    x0: f64::INFINITY,
                    y0: f64::INFINITY,
                    x1: f64::NEG_INFINITY,
                    y1: f64::NEG_INFINITY,
                },
                |b, &(x, y)| Rect {
                    x0: b.x0.min(x),
                    y0: b.y0.min(y),
                    x1: b.x1.max(x),
                    y1: b.y1.max(y),
                },
            )),
            _ => None,
        }
    }
}

/// Shapes and labels that together stand for one page (a goal's mark and
/// name): written inside one `<a>`, whose `<title>` names the page in
/// full, so a shortened label still has its whole text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChartLink {
    pub(crate) href: String,
    pub(crate) title: String,
    /// Indices into the chart's `shapes` and `labels`.
    pub(crate) shapes: Vec<usize>,
    pub(crate) labels: Vec<usize>,
}

/// A laid-out chart: everything needed to write the SVG, and to test it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Chart {
    pub(crate) width: f64,
    pub(crate) height: f64,
    /// Drawn first, under the labels.
    pub(crate) shapes: Vec<Shape>,
    pub(crate) labels: Vec<Label>,
    /// Lines that tie a label to its mark; `(segment, index of the label)`.
    /// A leader must not cross any label, its own included.
    pub(crate) leaders: Vec<(Segment, usize)>,
    /// Marks no label may cover (legend swatches and the like); not drawn.
    pub(crate) keep_out: Vec<Rect>,
    /// Marks and labels that link to pages, drawn last, above the rest.
    pub(crate) links: Vec<ChartLink>,
}

impl Chart {
    /// Pairs of labels whose boxes overlap (should be none).
    #[cfg(test)]
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
    #[cfg(test)]
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
    #[cfg(test)]
    pub fn labels_on_marks(&self) -> Vec<String> {
        let mut marks = self.keep_out.clone();
        marks.extend(self.shapes.iter().filter_map(Shape::mark_box));
        self.labels
            .iter()
            .filter(|l| marks.iter().any(|k| l.bbox().intersects(k)))
            .map(|l| l.text.clone())
            .collect()
    }

    /// Labels that stick out of the chart (should be none).
    #[cfg(test)]
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

    /// Writes the chart as an `<svg>` element: a picture (`role="img"`)
    /// named by its title and description. A chart with links is a group
    /// instead, since a picture's parts cannot be reached: its drawing is
    /// hidden from assistive technology and its links are read, each by
    /// its `<title>`.
    pub(crate) fn svg(&self, class: &str, id: &str, title: &str, desc: &str) -> String {
        let mut s = String::new();
        let role = if self.links.is_empty() {
            "img"
        } else {
            "group"
        };
        let _ = write!(
            s,
            r#"<svg class="{class}" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="{role}" aria-labelledby="{id}-title {id}-desc" font-family="system-ui, sans-serif" font-size="12" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
            esc(title),
            esc(desc),
            w = self.width,
            h = self.height,
        );
        let linked_shapes: std::collections::HashSet<usize> = self
            .links
            .iter()
            .flat_map(|l| l.shapes.iter().copied())
            .collect();
        let linked_labels: std::collections::HashSet<usize> = self
            .links
            .iter()
            .flat_map(|l| l.labels.iter().copied())
            .collect();
        if !self.links.is_empty() {
            s.push_str(r#"<g aria-hidden="true">"#);
        }
        for (i, sh) in self.shapes.iter().enumerate() {
            if !linked_shapes.contains(&i) {
                write_shape(&mut s, sh);
            }
        }
        for (seg, _) in &self.leaders {
            let _ = write!(
                s,
                r#"<line class="jr-leader" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/>"#,
                seg.x1, seg.y1, seg.x2, seg.y2
            );
        }
        for (i, l) in self.labels.iter().enumerate() {
            if !linked_labels.contains(&i) {
                write_label(&mut s, l);
            }
        }
        if !self.links.is_empty() {
            s.push_str("</g>");
        }
        for link in &self.links {
            let _ = write!(
                s,
                r#"<a href="{}"><title>{}</title>"#,
                esc(&link.href),
                esc(&link.title)
            );
            for &i in &link.shapes {
                write_shape(&mut s, &self.shapes[i]);
            }
            for &i in &link.labels {
                write_label(&mut s, &self.labels[i]);
            }
            s.push_str("</a>");
        }
        s.push_str("</svg>");
        s
    }
}

fn tip(s: &mut String, t: &Option<String>) {
    if let Some(t) = t {
        let _ = write!(s, "<title>{}</title>", esc(t));
    }
}

fn points(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn write_shape(s: &mut String, sh: &Shape) {
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
                tip(s, title);
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
                tip(s, title);
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
        Shape::Path { points: p, class } => {
            let _ = write!(s, r#"<polyline class="{class}" points="{}"/>"#, points(p));
        }
        Shape::Polygon { points: p, class } => {
            let _ = write!(s, r#"<polygon class="{class}" points="{}"/>"#, points(p));
        }
        Shape::Ring {
            cx,
            cy,
            r,
            progress,
            class,
        } => {
            // The dash is the share done; rotated so it starts at the top.
            let round = 2.0 * std::f64::consts::PI * r;
            let done = round * f64::from(*progress) / 100.0;
            let _ = write!(
                s,
                r#"<circle class="{class}" cx="{cx:.1}" cy="{cy:.1}" r="{r}" stroke-dasharray="{done:.2} {round:.2}" transform="rotate(-90 {cx:.1} {cy:.1})"/>"#
            );
        }
    }
}

fn write_label(s: &mut String, l: &Label) {
    let _ = write!(
        s,
        // paint-order as the SVG attribute: the CSS property is not in
        // the CSS the Nu Html Checker knows; the stylesheet's halo stroke
        // paints under the fill either way.
        r#"<text class="{}" x="{:.1}" y="{:.1}" paint-order="stroke""#,
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

/// The checks every chart's tests make on each layout they draw.
#[cfg(test)]
pub(super) fn check(c: &Chart, what: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn label(text: &str, x: f64, y: f64) -> Label {
        Label {
            text: text.into(),
            x,
            y,
            anchor: Anchor::Start,
            size: FONT,
            bold: false,
            class: "jr-label",
        }
    }

    /// Every chart's tests pass when these checks report nothing, so each
    /// must report the fault it is for, and only that.
    #[test]
    fn the_checks_catch_what_they_are_for() {
        let mut c = Chart {
            width: 200.0,
            height: 100.0,
            ..Chart::default()
        };
        c.labels.push(label("first", 10.0, 20.0));
        c.labels.push(label("apart", 10.0, 60.0));
        assert!(c.overlapping_labels().is_empty());
        assert!(c.labels_outside().is_empty());

        c.labels.push(label("on top", 30.0, 24.0));
        assert_eq!(
            c.overlapping_labels(),
            vec![("first".to_string(), "on top".to_string())]
        );
        c.labels.pop();

        // A vertical leader through "apart", and one beside it.
        c.leaders.push((
            Segment {
                x1: 20.0,
                y1: 90.0,
                x2: 20.0,
                y2: 30.0,
            },
            0,
        ));
        c.leaders.push((
            Segment {
                x1: 5.0,
                y1: 90.0,
                x2: 5.0,
                y2: 30.0,
            },
            0,
        ));
        assert_eq!(
            c.crossed_labels(),
            vec![("first".to_string(), "apart".to_string())]
        );

        // A dot under "first"; the future's shading may sit under labels.
        c.shapes.push(Shape::Circle {
            cx: 15.0,
            cy: 16.0,
            r: 3.0,
            class: "jr-point".into(),
            title: None,
        });
        c.shapes.push(Shape::Rect {
            r: Rect {
                x0: 0.0,
                y0: 50.0,
                x1: 200.0,
                y1: 70.0,
            },
            rx: 0.0,
            class: "jr-future",
            title: None,
        });
        assert_eq!(c.labels_on_marks(), vec!["first".to_string()]);
        c.keep_out.push(Rect {
            x0: 12.0,
            y0: 55.0,
            x1: 14.0,
            y1: 58.0,
        });
        assert_eq!(
            c.labels_on_marks(),
            vec!["first".to_string(), "apart".to_string()]
        );

        c.labels.push(label("past the edge", 190.0, 40.0));
        c.labels.push(label("above the top", 10.0, 2.0));
        assert_eq!(
            c.labels_outside(),
            vec!["past the edge".to_string(), "above the top".to_string()]
        );
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
            let (r, b) = (text_width(s, 12.0, false), text_width(s, 12.0, true));
            assert!(r >= regular, "{s}: {r:.1} < {regular}");
            assert!(b >= bold, "{s} (bold): {b:.1} < {bold}");
        }
    }
}
