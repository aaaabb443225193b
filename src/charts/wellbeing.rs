//! The wellbeing trend on the reflections page: the five areas each
//! reflection scores, from 1 to 10, as lines over time, so a drift in one
//! shows against the others.

use jiff::civil::Date;

use crate::charts::svg::{Anchor, Chart, FONT, Label, Rect, Segment, Shape, text_width};
use crate::model::site::Site;

/// One reflection's scores, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WellbeingPoint {
    pub(crate) label: String,
    pub(crate) scores: crate::model::entry::Wellbeing,
}

/// Lines for the five areas on a 1–10 scale, with a legend below. Lines
/// differ by dash pattern as well as colour.
pub(crate) fn layout_wellbeing(points: &[WellbeingPoint], width: f64) -> Chart {
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
pub(crate) struct Trend {
    pub(crate) wide: String,
    pub(crate) narrow: String,
}

/// Wellbeing across the reflections the audience sees, oldest first.
/// Private reflections never reach a public build, so neither does their
/// part of this trend.
pub(crate) fn wellbeing_trend(site: &Site) -> Option<Trend> {
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
    use crate::charts::svg::check;

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
    fn dodged_lines_are_centred_on_the_true_score() {
        let same = crate::model::entry::Wellbeing {
            career: Some(6),
            health: Some(6),
            relationships: Some(6),
            growth: Some(6),
            purpose: Some(6),
        };
        for width in [560.0, 340.0] {
            let points: Vec<WellbeingPoint> = ["2026-Q1", "2026-Q2"]
                .iter()
                .map(|l| WellbeingPoint {
                    label: l.to_string(),
                    scores: same,
                })
                .collect();
            let c = layout_wellbeing(&points, width);
            // The grid is drawn at 1, 4, 7 and 10: where 6 lies follows.
            let grid: Vec<f64> = c
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Line {
                        s,
                        class: "wb-grid",
                    } => Some(s.y1),
                    _ => None,
                })
                .collect();
            assert_eq!(grid.len(), 4);
            let six = grid[3] + (grid[0] - grid[3]) * 4.0 / 9.0;
            let dots: Vec<f64> = c
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Circle { cy, title, .. }
                        if title
                            .as_deref()
                            .is_some_and(|t| t.ends_with("2026-Q1: 6/10")) =>
                    {
                        Some(*cy)
                    }
                    _ => None,
                })
                .collect();
            assert_eq!(dots.len(), 5);
            for y in &dots {
                assert!((y - six).abs() <= 6.0 + 1e-9, "{y} is far from {six}");
            }
            let mean = dots.iter().sum::<f64>() / 5.0;
            assert!((mean - six).abs() < 1e-9, "{dots:?} around {six}");
        }
    }
}
