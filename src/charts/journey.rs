//! The career journey map ("My Career Journey"): what it shows, read from
//! the site's milestones, achievements and goals once, then drawn twice,
//! wide and narrow (CSS shows the one that fits). The past is a timeline;
//! past "now" the road ahead continues to the north star (`road.rs`). The
//! two layouts share this data and a few of its parts, not their
//! geometry, so each lives in its own file.

mod narrow;
mod narrow_road;
pub(crate) mod road;
mod wide;
mod wide_road;

use std::collections::BTreeMap;

use jiff::Span;
use jiff::civil::Date;

pub(crate) use self::narrow::layout_narrow;
use self::road::Road;
pub(crate) use self::wide::layout_wide;
use crate::model::entry::MilestoneType;
use crate::model::site::Site;

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
pub(crate) struct RoleSpan {
    pub(crate) start: Date,
    /// None: ongoing.
    pub(crate) end: Option<Date>,
    /// "Senior Engineer · Lumen Health".
    pub(crate) label: String,
    pub(crate) current: bool,
}

/// Any other milestone, or a goal reached: a point on the time axis.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EventPoint {
    pub(crate) date: Date,
    pub(crate) label: String,
    /// `promotion`, `education`, `certification`, `award`, `move`, `event`,
    /// or `goal` for a goal reached.
    pub(crate) kind: &'static str,
    /// A goal's page, which its mark and name link to.
    pub(crate) url: Option<String>,
}

impl EventPoint {
    /// The mark's tooltip.
    fn tooltip(&self) -> String {
        if self.kind == "goal" {
            format!("Goal reached: {}, {}", self.label, self.date)
        } else {
            format!("{}: {}", self.label, self.date)
        }
    }
}

/// Everything the timeline shows, taken from the site.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct JourneyData {
    pub(crate) today: Date,
    pub(crate) roles: Vec<RoleSpan>,
    pub(crate) events: Vec<EventPoint>,
    /// Achievements per quarter: (year, quarter 1–4) → count.
    pub(crate) quarters: BTreeMap<(i16, i8), usize>,
    /// The goals ahead and the north star.
    pub(crate) road: Road,
}

impl JourneyData {
    pub(crate) fn from_site(site: &Site) -> JourneyData {
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
                    url: None,
                });
            }
        }
        let road = Road::from_site(site);
        // Goals reached sit on the past side, among the milestones.
        for s in &road.reached {
            events.push(EventPoint {
                date: s.date,
                label: s.title.clone(),
                kind: "goal",
                url: Some(s.url.clone()),
            });
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
            road,
        }
    }

    /// The time range shown: from 1 January of the first year to a little
    /// after the latest date, so "now" never sits at the edge.
    pub(crate) fn range(&self) -> (Date, Date) {
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

    /// The time range shown with the road ahead: from the start of the
    /// quarter of the earliest date (a year before today at the latest),
    /// so a short history fills the past side, to the latest goal.
    pub(crate) fn past_and_road_range(&self) -> (Date, Date) {
        let mut lo = self.today.saturating_sub(Span::new().years(1));
        for r in &self.roles {
            lo = lo.min(r.start);
        }
        for e in &self.events {
            lo = lo.min(e.date);
        }
        for &(y, q) in self.quarters.keys() {
            if let Ok(d) = Date::new(y, (q - 1) * 3 + 1, 1) {
                lo = lo.min(d);
            }
        }
        let t0 = Date::new(lo.year(), (lo.month() - 1) / 3 * 3 + 1, 1).unwrap_or(lo);
        let t1 = self
            .road
            .ahead
            .iter()
            .map(|s| s.date)
            .fold(self.today, Date::max);
        (t0, t1)
    }

    fn achievement_total(&self) -> usize {
        self.quarters.values().sum()
    }

    /// The text alternative shared by both layouts.
    pub(crate) fn description(&self) -> String {
        let (t0, _) = if self.road.is_drawn() {
            self.past_and_road_range()
        } else {
            self.range()
        };
        let n =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        let goals_reached = self.events.iter().filter(|e| e.kind == "goal").count();
        let milestones = self.events.len() - goals_reached;
        let mut out = format!(
            "Timeline from {} to {}: {}, {}{} and {} counted per quarter, with a marker for today ({}).",
            t0.year(),
            self.today.year(),
            n(self.roles.len(), "role", "roles"),
            n(milestones, "other milestone", "other milestones"),
            if goals_reached > 0 {
                format!(", {}", n(goals_reached, "goal reached", "goals reached"))
            } else {
                String::new()
            },
            n(self.achievement_total(), "achievement", "achievements"),
            self.today
        );
        if self.road.is_drawn() {
            let routes = self.road.tree().leaf_count();
            out.push_str(&format!(
                " Then the road ahead: {} on {}",
                n(
                    self.road.ahead.len() - usize::from(self.road.star_goal.is_some()),
                    "goal",
                    "goals"
                ),
                n(routes.max(1), "route", "routes"),
            ));
            match &self.road.star {
                Some(star) => out.push_str(&format!(", ending at the north star: {star}.")),
                None => out.push('.'),
            }
        }
        out.push_str(" The same data is listed below the chart.");
        out
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

/// One quarter's bar, in either layout.
struct QuarterBar {
    start: Date,
    end: Date,
    /// Its share of `full` (see `quarter_bars`).
    len: f64,
    title: String,
}

/// A bar for each quarter with achievements, `full` units long for the
/// busiest one and at least 2, so a quarter with one achievement still
/// shows.
fn quarter_bars(data: &JourneyData, full: f64) -> Vec<QuarterBar> {
    let max = data.quarters.values().copied().max().unwrap_or(1).max(1) as f64;
    data.quarters
        .iter()
        .filter_map(|(&(y, q), &count)| {
            let (start, end) = quarter_bounds(y, q)?;
            Some(QuarterBar {
                start,
                end,
                len: (count as f64 / max * full).max(2.0),
                title: quarter_title(y, q, count),
            })
        })
        .collect()
}

/// The two timelines, wide and narrow (CSS shows the one that fits), and
/// the road they draw, for the page's list that says the same.
pub(crate) struct Timeline {
    pub(crate) wide: String,
    pub(crate) narrow: String,
    pub(crate) road: Road,
    /// Whether the road's scale shrinks with distance (else it is even).
    pub(crate) road_shrinks: bool,
}

pub(crate) fn timeline(site: &Site) -> Timeline {
    let data = JourneyData::from_site(site);
    let desc = data.description();
    Timeline {
        road: data.road.clone(),
        road_shrinks: data.road.scale_from(data.today).knee.is_some(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg::{Shape, check};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// A synthetic career of `years` years ending today, with a role every
    /// `role_every` years (some overlapping), and events of every kind,
    /// some on the same day and some near the end.
    pub(super) fn career(years: i16, events_per_year: usize) -> JourneyData {
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
                    url: None,
                });
            }
        }
        // Two on the same day, and one a week before today.
        events.push(EventPoint {
            date: d("2026-03-01"),
            label: "Same-day A".into(),
            kind: "award",
            url: None,
        });
        events.push(EventPoint {
            date: d("2026-03-01"),
            label: "Same-day B with a longer name".into(),
            kind: "move",
            url: None,
        });
        events.push(EventPoint {
            date: d("2026-11-16"),
            label: "Just last week: a certification".into(),
            kind: "certification",
            url: None,
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
            road: Road::default(),
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
            road: Road::default(),
        };
        let c = layout_wide(&data);
        check(&c, "empty");
        assert!(c.labels.iter().any(|l| l.text == "now"));
        check(&layout_narrow(&data), "empty narrow");
    }

    #[test]
    fn now_is_away_from_the_right_edge() {
        // The range runs on past today (by 7% of its span, 75 days at
        // least), so the axis goes on beyond the now line: over 6% of it
        // (7% of the span less a day's rounding) is future.
        for years in [1, 5, 20] {
            let data = career(years, 1);
            let c = layout_wide(&data);
            let line = |class: &str| {
                c.shapes
                    .iter()
                    .find_map(|s| match s {
                        Shape::Line { s, class: k } if *k == class => Some(*s),
                        _ => None,
                    })
                    .unwrap()
            };
            let (now, axis) = (line("jr-now"), line("jr-axis"));
            let future = (axis.x2 - now.x1) / (axis.x2 - axis.x1);
            assert!(
                future >= 0.06,
                "{years} years: now at {:.1}, the axis ends at {:.1}",
                now.x1,
                axis.x2
            );
        }
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
                url: None,
            })
            .collect();
        let data = JourneyData {
            today,
            roles: vec![],
            events,
            quarters: BTreeMap::new(),
            road: Road::default(),
        };
        check(&layout_wide(&data), "dense right");
        check(&layout_narrow(&data), "dense right narrow");
    }

    use crate::charts::journey::road::{Placed, Step};
    use crate::model::entry::GoalStatus;

    /// A goal on the road: its title, due date, status, progress and the
    /// goal ahead it leads to.
    fn step(
        title: &str,
        due: &str,
        status: GoalStatus,
        progress: Option<u8>,
        toward: Option<usize>,
    ) -> Step {
        Step {
            slug: title.to_lowercase().replace(' ', "-"),
            title: title.to_string(),
            url: format!("/career/goals/{}/", title.to_lowercase().replace(' ', "-")),
            date: d(due),
            placed: Placed::Due,
            status,
            progress,
            toward,
        }
    }

    const ACTIVE: GoalStatus = GoalStatus::Active;
    const PLANNED: GoalStatus = GoalStatus::Planned;

    /// Roads of every shape the map must draw: the example's, many
    /// siblings on one day, a long chain on one day, trees without a
    /// star, the star alone, goals placed by horizon and overdue, names
    /// far too long, and a big tree.
    pub(super) fn roads() -> Vec<(&'static str, Road)> {
        let star = Some("Lead a platform team at a product company".to_string());
        let mut out = Vec::new();
        // The example site's road: the star is a goal, two routes to it.
        let ahead = vec![
            step(
                "Write my Staff promotion packet",
                "2026-12-18",
                ACTIVE,
                Some(40),
                Some(5),
            ),
            step("Grow as a mentor", "2026-12-31", ACTIVE, Some(85), Some(5)),
            step(
                "Own Corvo's SLO program",
                "2026-12-31",
                ACTIVE,
                Some(85),
                Some(5),
            ),
            step(
                "Revamp platform on-call",
                "2026-12-31",
                ACTIVE,
                Some(71),
                Some(2),
            ),
            step(
                "Cover the team lead role for a quarter",
                "2027-09-30",
                PLANNED,
                Some(33),
                Some(6),
            ),
            step(
                "Become a Staff Engineer",
                "2028-06-30",
                ACTIVE,
                Some(65),
                Some(7),
            ),
            step(
                "Try the other road: engineering management",
                "2030-06-30",
                PLANNED,
                Some(25),
                Some(8),
            ),
            step(
                "Set the technical strategy for a platform organisation",
                "2031-12-31",
                PLANNED,
                Some(0),
                Some(8),
            ),
            step(
                "Lead a platform team at a product company",
                "2036-12-31",
                ACTIVE,
                Some(20),
                None,
            ),
        ];
        out.push((
            "example",
            Road {
                ahead,
                reached: vec![],
                star: star.clone(),
                star_goal: Some(8),
            },
        ));
        // Eight siblings due on one day, long names, under one goal.
        let mut ahead: Vec<Step> = (0..8)
            .map(|k| {
                step(
                    &format!("Sibling goal number {k} with a name that goes on for a while"),
                    "2027-01-15",
                    if k % 2 == 0 { ACTIVE } else { PLANNED },
                    Some(k * 12),
                    Some(8),
                )
            })
            .collect();
        ahead.push(step(
            "The parent of eight",
            "2029-01-01",
            ACTIVE,
            None,
            None,
        ));
        out.push((
            "siblings",
            Road {
                ahead,
                reached: vec![],
                star: star.clone(),
                star_goal: None,
            },
        ));
        // A chain of seven, all due the same week.
        let ahead: Vec<Step> = (0..7)
            .map(|k| {
                step(
                    &format!("Chain step {k}"),
                    "2027-02-01",
                    ACTIVE,
                    Some(10 * k as u8),
                    (k < 6).then_some(k + 1),
                )
            })
            .collect();
        out.push((
            "chain",
            Road {
                ahead,
                reached: vec![],
                star: star.clone(),
                star_goal: None,
            },
        ));
        // Three trees and no north star.
        let ahead = vec![
            step("Run a half marathon", "2027-04-01", ACTIVE, Some(50), None),
            step("Learn Portuguese to B2", "2028-09-01", PLANNED, None, None),
            step("Pass the A2 exam", "2027-06-01", ACTIVE, Some(70), Some(1)),
            step(
                "Write a book about on-call",
                "2030-01-01",
                PLANNED,
                None,
                None,
            ),
        ];
        out.push((
            "no star",
            Road {
                ahead,
                reached: vec![],
                star: None,
                star_goal: None,
            },
        ));
        // The star alone.
        out.push((
            "star only",
            Road {
                star: star.clone(),
                ..Road::default()
            },
        ));
        // Placed by horizon, and overdue.
        let mut late = step(
            "Finish the design doc",
            "2026-11-23",
            ACTIVE,
            Some(90),
            Some(1),
        );
        late.placed = Placed::Overdue(d("2026-10-01"));
        let mut far = step(
            "Become a staff engineer",
            "2029-11-23",
            ACTIVE,
            Some(33),
            None,
        );
        far.placed = Placed::Horizon("3 years");
        out.push((
            "horizon",
            Road {
                ahead: vec![late, far],
                reached: vec![],
                star: star.clone(),
                star_goal: None,
            },
        ));
        // Names far too long for any room.
        let long = "An extraordinarily long goal title that keeps going well past any reasonable length for a chart label";
        let ahead = vec![
            step(long, "2027-01-01", ACTIVE, Some(5), Some(1)),
            step(long, "2027-03-01", PLANNED, None, Some(2)),
            step(long, "2028-01-01", PLANNED, None, None),
        ];
        out.push((
            "long",
            Road {
                ahead,
                reached: vec![],
                star: Some(long.to_string()),
                star_goal: None,
            },
        ));
        // A big tree (fourteen goals), and a crowd of forty, dates and
        // parents spread by a rule.
        for (name, n) in [("big", 14usize), ("crowd", 40)] {
            let mut ahead: Vec<Step> = (0..n)
                .map(|k| {
                    let due = d("2026-12-01")
                        .saturating_add(Span::new().days((k * 97 % 3000) as i64 + 7));
                    step(
                        &format!(
                            "Goal {k}: {}",
                            ["ship", "learn the thing", "lead a big project", "mentor"][k % 4]
                        ),
                        &due.to_string(),
                        if k % 3 == 0 { PLANNED } else { ACTIVE },
                        Some((k * 7 % 100) as u8),
                        None,
                    )
                })
                .collect();
            ahead.sort_by_key(|s| s.date);
            for (k, s) in ahead.iter_mut().enumerate().take(n - 1) {
                // Each leads to a later goal, some to none.
                if k % 5 != 4 {
                    s.toward = Some((k + 1 + k % 3).min(n - 1));
                }
            }
            out.push((
                name,
                Road {
                    ahead,
                    reached: vec![],
                    star: star.clone(),
                    star_goal: None,
                },
            ));
        }
        out
    }

    #[test]
    fn roads_ahead_of_every_shape_draw_without_overlaps() {
        for (name, road) in roads() {
            for years in [1, 5, 20] {
                let mut data = career(years, 1);
                data.road = road.clone();
                let what = format!("{name}, {years} years");
                let wide = layout_wide(&data);
                check(&wide, &format!("wide, {what}"));
                let narrow = layout_narrow(&data);
                check(&narrow, &format!("narrow, {what}"));
                for c in [&wide, &narrow] {
                    // Each goal ahead is one link, with a name drawn.
                    let goal_links: Vec<_> = c
                        .links
                        .iter()
                        .filter(|l| road.ahead.iter().any(|s| s.url == l.href))
                        .collect();
                    assert_eq!(
                        goal_links.len(),
                        road.ahead.len(),
                        "{what}: a link per goal"
                    );
                    for l in &goal_links {
                        assert!(!l.shapes.is_empty(), "{what}: {} has a mark", l.href);
                        let named = l
                            .labels
                            .iter()
                            .any(|&i| c.labels[i].text.chars().count() >= 4);
                        let kind = if std::ptr::eq(c, &wide) {
                            "wide"
                        } else {
                            "narrow"
                        };
                        // A crowd of forty may squeeze a name to nothing;
                        // its mark's link still has the whole title.
                        assert!(
                            named || name == "crowd",
                            "{what}, {kind}: {} has a name",
                            l.href
                        );
                    }
                }
                // The star is drawn, at the right edge.
                if road.star.is_some() {
                    let star = wide
                        .shapes
                        .iter()
                        .find_map(|s| match s {
                            Shape::Polygon { points, .. } => Some(points[0].0),
                            _ => None,
                        })
                        .unwrap_or_else(|| panic!("{what}: a star"));
                    assert!(star > W_RIGHT, "{what}: the star at {star}");
                }
            }
        }
    }

    /// The wide chart's right end, where the star sits.
    const W_RIGHT: f64 = 960.0;

    #[test]
    fn every_route_runs_forward_to_the_goal_it_leads_to() {
        for (name, road) in roads() {
            let mut data = career(5, 1);
            data.road = road.clone();
            let marks = |c: &crate::charts::svg::Chart| -> Vec<(f64, f64)> {
                road.ahead
                    .iter()
                    .map(|s| {
                        let l = c.links.iter().find(|l| l.href == s.url).unwrap();
                        match &c.shapes[l.shapes[0]] {
                            Shape::Circle { cx, cy, .. } => (*cx, *cy),
                            Shape::Polygon { points, .. } => (points[0].0, points[0].1 + 8.5),
                            _ => panic!("a mark"),
                        }
                    })
                    .collect()
            };
            let wide = marks(&layout_wide(&data));
            let narrow = marks(&layout_narrow(&data));
            for (i, s) in road.ahead.iter().enumerate() {
                let Some(p) = s.toward else { continue };
                // (The long road's goals share a name, and so a page.)
                if road.ahead[p].url == s.url {
                    continue;
                }
                assert!(
                    wide[i].0 < wide[p].0,
                    "{name}: wide, {} before {}",
                    s.title,
                    road.ahead[p].title
                );
                assert!(
                    narrow[i].1 < narrow[p].1,
                    "{name}: narrow, {} above {}",
                    s.title,
                    road.ahead[p].title
                );
            }
        }
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
                let data = super::tests::career(years, per_year);
                let wide = super::layout_wide(&data).svg("journey-chart", "w", "t", "d");
                let narrow = super::layout_narrow(&data).svg("journey-chart", "n", "t", "d");
                std::fs::write(
                    dir.join(format!("journey-{years}y-{per_year}.html")),
                    format!("<!doctype html><meta charset=utf-8><style>{css}</style><body><div style='max-width:1000px'>{wide}</div><div style='width:360px'>{narrow}</div>"),
                )
                .unwrap();
            }
        }
        for (name, road) in super::tests::roads() {
            let mut data = super::tests::career(5, 1);
            data.road = road;
            let wide = super::layout_wide(&data).svg("journey-chart", "w", "t", "d");
            let narrow = super::layout_narrow(&data).svg("journey-chart", "n", "t", "d");
            std::fs::write(
                dir.join(format!("road-{}.html", name.replace(' ', "-"))),
                format!("<!doctype html><meta charset=utf-8><style>{css}</style><body><div style='max-width:1000px'>{wide}</div><div style='width:360px'>{narrow}</div>"),
            )
            .unwrap();
        }
    }
}
