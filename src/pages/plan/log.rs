//! The achievement log: dated entries grouped by year, then ISO week, the
//! shape term pages list their entries in too.

use serde::Serialize;

use super::{Data, PageRef, Planned, meta};
use crate::model::site::{EntryView, Site};

#[derive(Debug, Serialize)]
pub(crate) struct WeekGroup<'a> {
    pub(crate) label: String,
    pub(crate) iso_year: i16,
    pub(crate) week: i8,
    pub(crate) entries: Vec<&'a EntryView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct YearGroup<'a> {
    pub(crate) year: i16,
    pub(crate) count: usize,
    pub(crate) weeks: Vec<WeekGroup<'a>>,
}

/// "Week 10 · Mar 2–8": a week is read by its days, and the second month
/// is named only when the week runs into it.
fn week_label(iso_year: i16, week: i8) -> String {
    let Ok(start) = jiff::civil::ISOWeekDate::new(iso_year, week, jiff::civil::Weekday::Monday)
    else {
        return format!("Week {week}");
    };
    let monday = start.date();
    let sunday = monday.saturating_add(jiff::Span::new().days(6));
    if monday.month() == sunday.month() {
        format!(
            "Week {week} · {}–{}",
            monday.strftime("%b %-d"),
            sunday.strftime("%-d")
        )
    } else {
        format!(
            "Week {week} · {}–{}",
            monday.strftime("%b %-d"),
            sunday.strftime("%b %-d")
        )
    }
}

/// Dated entries (in the order given, newest first) grouped by year, then
/// by ISO week: the achievement log's shape, which skill pages share.
pub(super) fn year_groups<'a>(
    views: impl IntoIterator<Item = &'a EntryView>,
) -> Vec<YearGroup<'a>> {
    let mut years: Vec<YearGroup> = Vec::new();
    for v in views {
        let (Some(year), Some(iso_year), Some(week)) = (v.year, v.iso_year, v.iso_week) else {
            continue;
        };
        if years.last().is_none_or(|y| y.year != year) {
            years.push(YearGroup {
                year,
                count: 0,
                weeks: Vec::new(),
            });
        }
        let y = years.last_mut().expect("just pushed");
        y.count += 1;
        if y.weeks
            .last()
            .is_none_or(|w| (w.iso_year, w.week) != (iso_year, week))
        {
            y.weeks.push(WeekGroup {
                label: week_label(iso_year, week),
                iso_year,
                week,
                entries: Vec::new(),
            });
        }
        y.weeks.last_mut().expect("just pushed").entries.push(v);
    }
    years
}

/// The achievement log, grouped by year then ISO week.
pub(super) fn plan_achievements(site: &Site, file: String) -> Planned<'_> {
    let years = year_groups(site.achievements.iter().map(|&n| site.view(n)));
    let newest = site.achievements.first().map(|&n| site.view(n));
    Planned {
        file,
        template: "achievements.html",
        page: meta(
            site,
            PageRef::Achievements,
            "Achievements".into(),
            &format!(
                "{} — every achievement, newest first, with its impact.",
                site.config.title
            ),
            "website",
            "achievements",
        ),
        data: Data::Achievements {
            years,
            total: site.achievements.len(),
        },
        sitemap: Some(newest.and_then(|a| a.date.clone())),
        seal: None,
    }
}
