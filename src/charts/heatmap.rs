//! The writing-habit heatmap on the home page: achievements per week over
//! the last 52, and the streak, so that a habit (or its gaps) shows at a
//! glance.

use jiff::Span;
use jiff::civil::Date;

use crate::charts::svg::{Anchor, Chart, Label, Rect, Shape, text_width};
use crate::model::site::Site;

fn monday_of(d: Date) -> Date {
    let back = d.weekday().to_monday_zero_offset();
    d.saturating_sub(Span::new().days(i64::from(back)))
}

/// Achievements per ISO week over the 52 weeks up to today's, and the
/// current streak.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Habit {
    /// Monday of each week, oldest first, with its count.
    pub(crate) weeks: Vec<(Date, usize)>,
    /// Weeks in a row with at least one achievement, up to this week (or
    /// last week, while this one has none yet).
    pub(crate) streak: usize,
    /// Weeks of the 52 with at least one.
    pub(crate) active: usize,
}

pub(crate) fn habit(achievement_dates: &[Date], today: Date) -> Habit {
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
pub(crate) fn layout_heatmap(h: &Habit, rows: usize) -> Chart {
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
pub(crate) struct Heatmap {
    pub(crate) wide: String,
    pub(crate) narrow: String,
    pub(crate) streak: usize,
    pub(crate) active: usize,
}

pub(crate) fn heatmap(site: &Site) -> Heatmap {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg::check;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
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

    /// Each week's cell in `c`, in drawing order: (x, y, its tooltip).
    fn week_cells(c: &Chart) -> Vec<(f64, f64, String)> {
        c.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect {
                    r, title: Some(t), ..
                } if t.starts_with("Week ") => Some((r.x0, r.y0, t.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn week_columns_follow_iso_weeks_across_a_53_week_year() {
        // 2026 has 53 ISO weeks: week 53 runs Monday 28 December 2026 to
        // Sunday 3 January 2027, and week 1 of 2026 began on 29 December
        // 2025.
        let dates = [d("2026-12-28"), d("2027-01-01"), d("2027-01-03")];
        let h = habit(&dates, d("2027-01-02"));
        assert_eq!(h.weeks.len(), 52);
        assert_eq!(
            h.weeks[51],
            (d("2026-12-28"), 3),
            "one week across new year"
        );
        assert_eq!(h.weeks[0].0, d("2026-01-05"));
        for w in h.weeks.windows(2) {
            assert_eq!(w[0].0.saturating_add(Span::new().weeks(1)), w[1].0);
        }
        let cells = week_cells(&layout_heatmap(&h, 1));
        assert_eq!(cells.len(), 52);
        assert_eq!(cells[0].2, "Week 2 of 2026 (from Jan 5): 0 achievements");
        assert_eq!(cells[51].2, "Week 53 of 2026 (from Dec 28): 3 achievements");

        // A week later, week 53 is the one before the last.
        let h = habit(&dates, d("2027-01-04"));
        assert_eq!(h.streak, 1, "this week has none yet: week 53 counts");
        let cells = week_cells(&layout_heatmap(&h, 1));
        assert_eq!(cells[50].2, "Week 53 of 2026 (from Dec 28): 3 achievements");
        assert_eq!(cells[51].2, "Week 1 of 2027 (from Jan 4): 0 achievements");

        // Week 1 of 2026 began in 2025 and still belongs to 2026.
        let h = habit(&[], d("2026-12-24"));
        let cells = week_cells(&layout_heatmap(&h, 1));
        assert_eq!(cells[0].2, "Week 1 of 2026 (from Dec 29): 0 achievements");
        assert_eq!(cells[51].2, "Week 52 of 2026 (from Dec 21): 0 achievements");
    }

    #[test]
    fn two_rows_hold_26_weeks_each_oldest_first() {
        let h = habit(&[d("2027-01-01")], d("2027-01-02"));
        let cells = week_cells(&layout_heatmap(&h, 2));
        assert_eq!(cells.len(), 52);
        let (first, second) = cells.split_at(26);
        for row in [first, second] {
            assert!(row.iter().all(|c| c.1 == row[0].1), "one row, one y");
            assert!(row.windows(2).all(|w| w[0].0 < w[1].0), "left to right");
        }
        assert!(second[0].1 > first[0].1);
        assert_eq!(first[0].0, second[0].0, "the rows start together");
        assert!(second[25].2.starts_with("Week 53 of 2026"));
        assert!(second[0].2.starts_with("Week 28 of 2026"));
    }
}
