//! Charts drawn at build time as inline SVG, so pages need no script: the
//! "My Career Journey" timeline, the weekly writing heatmap and the
//! wellbeing trend. Colours come from CSS classes so dark mode applies.

use std::fmt::Write as _;

use jiff::Span;
use jiff::civil::{Date, Weekday};

use crate::entry::MilestoneType;
use crate::site::Site;

/// Escapes text for SVG/XML content and attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Width of a label in SVG units, estimated for the system font at 12px.
fn text_width(s: &str) -> f64 {
    s.chars().count() as f64 * 6.8 + 4.0
}

fn fit(s: &str, width: f64) -> Option<String> {
    let max_chars = ((width - 12.0) / 6.8).floor();
    if max_chars < 4.0 {
        return None;
    }
    let max_chars = max_chars as usize;
    if s.chars().count() <= max_chars {
        Some(s.to_string())
    } else {
        let cut: String = s.chars().take(max_chars - 1).collect();
        Some(format!("{}…", cut.trim_end()))
    }
}

fn days_between(a: Date, b: Date) -> f64 {
    (b.to_jiff_days() - a.to_jiff_days()) as f64
}

trait JiffDays {
    fn to_jiff_days(self) -> i64;
}

impl JiffDays for Date {
    fn to_jiff_days(self) -> i64 {
        // Days since 1970-01-01; enough for positions on a chart.
        let epoch = Date::constant(1970, 1, 1);
        self.since(epoch).map_or(0, |s| s.get_days() as i64)
    }
}

struct Role {
    start: Date,
    end: Option<Date>,
    label: String,
    full: String,
    current: bool,
}

struct Point {
    date: Date,
    label: String,
    kind: &'static str,
}

/// The journey timeline: roles as spans (overlaps get their own lane),
/// other milestones as labelled points, achievements per quarter as bars,
/// and a "now" marker.
pub fn timeline(site: &Site) -> String {
    let today = site.today;
    let mut roles: Vec<Role> = Vec::new();
    let mut points: Vec<Point> = Vec::new();
    for &n in &site.milestones {
        let v = site.view(n);
        let Some(start) = site.dates[n] else { continue };
        let end = v.end.as_deref().and_then(|e| e.parse::<Date>().ok());
        let is_role = v.milestone_type == Some(MilestoneType::Role)
            || (v.milestone_type.is_none() && v.role.is_some());
        if is_role {
            let label = match (&v.role, &v.org) {
                (Some(r), Some(o)) => format!("{r} · {o}"),
                (Some(r), None) => r.clone(),
                _ => v.title.clone(),
            };
            let full = format!(
                "{label}: {} – {}",
                start,
                end.map_or("now".to_string(), |e| e.to_string())
            );
            roles.push(Role {
                start,
                end,
                current: end.is_none_or(|e| e >= today) && start <= today,
                label,
                full,
            });
        } else {
            let kind = match v.milestone_type {
                Some(MilestoneType::Promotion) => "promotion",
                Some(MilestoneType::Education) => "education",
                Some(MilestoneType::Certification) => "certification",
                Some(MilestoneType::Award) => "award",
                Some(MilestoneType::Move) => "move",
                _ => "event",
            };
            points.push(Point {
                date: start,
                label: v.title.clone(),
                kind,
            });
        }
    }
    let achievement_dates: Vec<Date> = site
        .achievements
        .iter()
        .filter_map(|&n| site.dates[n])
        .collect();
    let all_dates = roles
        .iter()
        .flat_map(|r| [Some(r.start), r.end])
        .flatten()
        .chain(points.iter().map(|p| p.date))
        .chain(achievement_dates.iter().copied());
    let (mut lo, mut hi) = (today, today);
    for d in all_dates {
        lo = lo.min(d);
        hi = hi.max(d);
    }
    let start = Date::new(lo.year(), 1, 1).unwrap_or(lo);
    let end = Date::new(hi.year().saturating_add(1), 1, 1).unwrap_or(hi);
    let years = (end.year() - start.year()).max(1) as usize;
    let total_days = days_between(start, end).max(1.0);

    let width = 1000.0;
    let (left, right) = (16.0, 16.0);
    let plot = width - left - right;
    let x = |d: Date| left + days_between(start, d) / total_days * plot;

    // Point labels: up to four rows above the axis, greedy, never overlapping.
    const LABEL_ROWS: usize = 4;
    let mut rows: Vec<Vec<(f64, f64)>> = vec![Vec::new(); LABEL_ROWS];
    let mut placed: Vec<Option<(usize, f64, &'static str)>> = Vec::new();
    points.sort_by_key(|p| p.date);
    for p in &points {
        let px = x(p.date);
        let w = text_width(&p.label);
        let (x0, anchor) = if px + w <= width - 4.0 {
            (px - 4.0, "start")
        } else {
            (px - w + 4.0, "end")
        };
        let x1 = x0 + w;
        let row = rows
            .iter()
            .position(|r| r.iter().all(|&(a, b)| x1 + 6.0 < a || x0 > b + 6.0));
        match row {
            Some(r) => {
                rows[r].push((x0, x1));
                placed.push(Some((r, px, anchor)));
            }
            None => placed.push(None),
        }
    }
    let used_rows = rows.iter().filter(|r| !r.is_empty()).count().max(1);
    let top = 22.0;
    let row_h = 18.0;
    let axis_y = top + used_rows as f64 * row_h + 10.0;

    // Role lanes below the axis.
    roles.sort_by_key(|r| r.start);
    let mut lane_ends: Vec<Date> = Vec::new();
    let mut lanes = Vec::new();
    for r in &roles {
        let r_end = r.end.unwrap_or(end.max(today));
        let lane = match lane_ends.iter().position(|&e| e <= r.start) {
            Some(l) => {
                lane_ends[l] = r_end;
                l
            }
            None => {
                lane_ends.push(r_end);
                lane_ends.len() - 1
            }
        };
        lanes.push(lane);
    }
    let lane_h = 34.0;
    let lanes_top = axis_y + 14.0;
    let bars_top = lanes_top + lane_ends.len().max(1) as f64 * lane_h + 10.0;
    let bar_max = 36.0;
    let bars_base = bars_top + bar_max;
    let years_y = bars_base + 18.0;
    let height = years_y + 10.0;

    let mut s = String::new();
    let role_count = roles.len();
    let _ = write!(
        s,
        r#"<svg class="journey-chart" viewBox="0 0 {width} {height:.0}" role="img" aria-labelledby="journey-title journey-desc" xmlns="http://www.w3.org/2000/svg"><title id="journey-title">Career timeline</title><desc id="journey-desc">Timeline from {} to {}: {} roles, {} other milestones and {} achievements. The same data is listed below the chart.</desc>"#,
        start.year(),
        end.year() - 1,
        role_count,
        points.len(),
        achievement_dates.len()
    );
    // Year grid.
    let step = if years <= 12 {
        1
    } else if years <= 24 {
        2
    } else {
        5
    };
    for (i, y) in (start.year()..end.year()).enumerate() {
        let Ok(d) = Date::new(y, 1, 1) else { continue };
        let gx = x(d);
        let _ = write!(
            s,
            r#"<line class="jr-grid" x1="{gx:.1}" y1="{top:.1}" x2="{gx:.1}" y2="{bars_base:.1}"/>"#
        );
        if i % step == 0 {
            let _ = write!(
                s,
                r#"<text class="jr-year" x="{:.1}" y="{years_y:.1}">{y}</text>"#,
                gx + 3.0
            );
        }
    }
    let _ = write!(
        s,
        r#"<line class="jr-axis" x1="{left}" y1="{axis_y:.1}" x2="{:.1}" y2="{axis_y:.1}"/>"#,
        width - right
    );
    // Roles.
    for (r, lane) in roles.iter().zip(&lanes) {
        let x0 = x(r.start);
        let x1 = x(r.end.unwrap_or(today.max(r.start))).max(x0 + 4.0);
        let y = lanes_top + *lane as f64 * lane_h;
        let class = if r.current {
            "jr-role jr-role-current"
        } else {
            "jr-role"
        };
        let _ = write!(
            s,
            r#"<g><title>{}</title><rect class="{class}" x="{x0:.1}" y="{y:.1}" width="{:.1}" height="26" rx="5"/>"#,
            esc(&r.full),
            x1 - x0
        );
        if let Some(label) = fit(&r.label, x1 - x0) {
            let _ = write!(
                s,
                r#"<text class="jr-role-label" x="{:.1}" y="{:.1}">{}</text>"#,
                x0 + 6.0,
                y + 17.0,
                esc(&label)
            );
        }
        s.push_str("</g>");
    }
    // Points and their labels.
    for (p, place) in points.iter().zip(&placed) {
        let px = x(p.date);
        let _ = write!(s, r#"<g><title>{}: {}</title>"#, esc(&p.label), p.date);
        if let Some((row, _, anchor)) = place {
            let ly = top + *row as f64 * row_h;
            let _ = write!(
                s,
                r#"<line class="jr-leader" x1="{px:.1}" y1="{:.1}" x2="{px:.1}" y2="{axis_y:.1}"/><text class="jr-label" x="{px:.1}" y="{ly:.1}" text-anchor="{anchor}">{}</text>"#,
                ly + 4.0,
                esc(&p.label)
            );
        }
        let _ = write!(
            s,
            r#"<circle class="jr-point jr-{}" cx="{px:.1}" cy="{axis_y:.1}" r="6"/></g>"#,
            p.kind
        );
    }
    // Achievements per quarter.
    let mut quarters: std::collections::BTreeMap<(i16, i8), usize> = Default::default();
    for d in &achievement_dates {
        *quarters.entry((d.year(), (d.month() - 1) / 3)).or_default() += 1;
    }
    let max = quarters.values().copied().max().unwrap_or(1) as f64;
    for (&(y, q), &count) in &quarters {
        let (Ok(qs), Ok(qe)) = (
            Date::new(y, q * 3 + 1, 1),
            Date::new(
                if q == 3 { y + 1 } else { y },
                if q == 3 { 1 } else { q * 3 + 4 },
                1,
            ),
        ) else {
            continue;
        };
        let x0 = x(qs) + 1.0;
        let w = (x(qe) - x(qs) - 2.0).max(1.0);
        let h = (count as f64 / max * bar_max).max(2.0);
        let _ = write!(
            s,
            r#"<rect class="jr-bar" x="{x0:.1}" y="{:.1}" width="{w:.1}" height="{h:.1}"><title>{y} Q{}: {count} achievement{}</title></rect>"#,
            bars_base - h,
            q + 1,
            if count == 1 { "" } else { "s" }
        );
    }
    // Now.
    let nx = x(today);
    let _ = write!(
        s,
        r#"<line class="jr-now" x1="{nx:.1}" y1="12" x2="{nx:.1}" y2="{bars_base:.1}"/><text class="jr-now-label" x="{nx:.1}" y="10" text-anchor="middle">now</text></svg>"#
    );
    s
}

fn monday_of(d: Date) -> Date {
    let back = d.weekday().to_monday_zero_offset();
    d.saturating_sub(Span::new().days(i64::from(back)))
}

/// The writing habit: achievements per ISO week over the last 52 weeks, and
/// the current streak of weeks with at least one (this week counts once it
/// has one; until then the streak runs to last week).
pub fn heatmap(site: &Site) -> (String, usize) {
    let this_monday = monday_of(site.today);
    let first = this_monday.saturating_sub(Span::new().weeks(51));
    let mut counts = [0usize; 52];
    let mut by_week: std::collections::HashMap<Date, usize> = Default::default();
    for &n in &site.achievements {
        if let Some(d) = site.dates[n] {
            *by_week.entry(monday_of(d)).or_default() += 1;
        }
    }
    for (i, c) in counts.iter_mut().enumerate() {
        let m = first.saturating_add(Span::new().weeks(i as i64));
        *c = by_week.get(&m).copied().unwrap_or(0);
    }
    let mut streak = 0;
    let mut m = this_monday;
    if by_week.get(&m).copied().unwrap_or(0) == 0 {
        m = m.saturating_sub(Span::new().weeks(1));
    }
    while by_week.get(&m).copied().unwrap_or(0) > 0 {
        streak += 1;
        m = m.saturating_sub(Span::new().weeks(1));
    }
    let active = counts.iter().filter(|&&c| c > 0).count();
    let cell = 14.0;
    let gap = 3.0;
    let width = 52.0 * (cell + gap) + 2.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="heatmap" viewBox="0 0 {width:.0} 40" role="img" aria-labelledby="heatmap-title heatmap-desc" xmlns="http://www.w3.org/2000/svg"><title id="heatmap-title">Achievements per week, last 52 weeks</title><desc id="heatmap-desc">{active} of the last 52 weeks have at least one achievement; the current streak is {streak} week{}.</desc>"#,
        if streak == 1 { "" } else { "s" }
    );
    let mut last_month = None;
    for (i, &c) in counts.iter().enumerate() {
        let m = first.saturating_add(Span::new().weeks(i as i64));
        let x = 1.0 + i as f64 * (cell + gap);
        if last_month != Some(m.month()) && i < 50 {
            let _ = write!(
                s,
                r#"<text class="hm-month" x="{x:.1}" y="10">{}</text>"#,
                m.strftime("%b")
            );
            last_month = Some(m.month());
        }
        let level = c.min(3);
        let w = m.iso_week_date();
        let _ = write!(
            s,
            r#"<rect class="hm-{level}" x="{x:.1}" y="18" width="{cell}" height="{cell}" rx="3"><title>Week {} of {} ({}): {c} achievement{}</title></rect>"#,
            w.week(),
            w.year(),
            m.strftime("%b %-d"),
            if c == 1 { "" } else { "s" }
        );
    }
    s.push_str("</svg>");
    let _ = Weekday::Monday;
    (s, streak)
}

/// Wellbeing across the reflections the audience sees, oldest first.
/// Private reflections never reach a public build, so neither does their
/// part of this trend.
pub fn wellbeing_trend(site: &Site) -> Option<String> {
    let mut rows: Vec<(Date, String, crate::entry::Wellbeing)> = site
        .reflections
        .iter()
        .filter_map(|&n| {
            let v = site.view(n);
            Some((
                site.dates[n]?,
                v.period
                    .clone()
                    .unwrap_or_else(|| v.date.clone().unwrap_or_default()),
                v.wellbeing?,
            ))
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    rows.sort_by_key(|r| r.0);
    let (w, h) = (640.0, 220.0);
    let (l, r, t, b) = (36.0, 120.0, 14.0, 30.0);
    let pw = w - l - r;
    let ph = h - t - b;
    let n = rows.len();
    let x = |i: usize| {
        if n == 1 {
            l + pw / 2.0
        } else {
            l + i as f64 / (n - 1) as f64 * pw
        }
    };
    let y = |v: u8| t + (10.0 - f64::from(v)) / 9.0 * ph;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="wellbeing-chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="wb-title wb-desc" xmlns="http://www.w3.org/2000/svg"><title id="wb-title">Wellbeing over time</title><desc id="wb-desc">Scores from 1 to 10 for career, health, relationships, growth and purpose across {n} reflection{}; each reflection lists its scores.</desc>"#,
        if n == 1 { "" } else { "s" }
    );
    for v in [1u8, 4, 7, 10] {
        let _ = write!(
            s,
            r#"<line class="wb-grid" x1="{l}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/><text class="wb-axis" x="{:.1}" y="{:.1}" text-anchor="end">{v}</text>"#,
            y(v),
            l + pw,
            y(v),
            l - 6.0,
            y(v) + 4.0
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text class="wb-axis" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x(i),
            h - 10.0,
            esc(&row.1)
        );
    }
    for (k, dim) in crate::entry::Wellbeing::DIMENSIONS.iter().enumerate() {
        let pts: Vec<(f64, f64)> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| row.2.get(dim).map(|v| (x(i), y(v))))
            .collect();
        if pts.is_empty() {
            continue;
        }
        let path: Vec<String> = pts.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
        let _ = write!(
            s,
            r#"<polyline class="wb-line wb-{dim}" points="{}"/>"#,
            path.join(" ")
        );
        for (a, b) in &pts {
            let _ = write!(
                s,
                r#"<circle class="wb-dot wb-{dim}" cx="{a:.1}" cy="{b:.1}" r="3.5"/>"#
            );
        }
        let ly = t + 8.0 + k as f64 * 20.0;
        let _ = write!(
            s,
            r#"<line class="wb-line wb-{dim}" x1="{:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}"/><text class="wb-legend" x="{:.1}" y="{:.1}">{dim}</text>"#,
            w - r + 14.0,
            w - r + 34.0,
            w - r + 40.0,
            ly + 4.0
        );
    }
    s.push_str("</svg>");
    Some(s)
}
