//! The dates importers meet: `2021`, `2021-03`, `Mar 2021`, `March 2021`,
//! `Week 10 2026`, `Q1 2026`, `6 March 2026`, … Each is read into a
//! [`Period`] that keeps its precision: front matter needs a calendar day,
//! so an entry is dated on the period's first day, a role ends on its last,
//! and the form the source used is written beside it as a comment.

use jiff::civil::{Date, ISOWeekDate, Weekday};

/// How precise a date in a source was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Precision {
    Day,
    /// An ISO week: entries are dated on its Friday, as `new week` does.
    Week,
    Month,
    /// A quarter, a half or a range of months.
    Months,
    Year,
}

/// A stretch of calendar days a source date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    pub(crate) first: Date,
    pub(crate) last: Date,
    pub(crate) precision: Precision,
}

impl Period {
    pub(crate) fn day(d: Date) -> Period {
        Period {
            first: d,
            last: d,
            precision: Precision::Day,
        }
    }

    pub(crate) fn month(year: i16, month: i8) -> Option<Period> {
        Period::months(year, month, month).map(|p| Period {
            precision: Precision::Month,
            ..p
        })
    }

    /// From the first day of `from` to the last of `to`, in one year.
    pub(crate) fn months(year: i16, from: i8, to: i8) -> Option<Period> {
        if from > to {
            return None;
        }
        let first = Date::new(year, from, 1).ok()?;
        let last_first = Date::new(year, to, 1).ok()?;
        Some(Period {
            first,
            last: last_first.last_of_month(),
            precision: Precision::Months,
        })
    }

    pub(crate) fn year(year: i16) -> Option<Period> {
        Some(Period {
            first: Date::new(year, 1, 1).ok()?,
            last: Date::new(year, 12, 31).ok()?,
            precision: Precision::Year,
        })
    }

    /// ISO week `week` of ISO year `year`.
    pub(crate) fn iso_week(year: i16, week: i8) -> Option<Period> {
        let monday = ISOWeekDate::new(year, week, Weekday::Monday).ok()?.date();
        let sunday = ISOWeekDate::new(year, week, Weekday::Sunday).ok()?.date();
        Some(Period {
            first: monday,
            last: sunday,
            precision: Precision::Week,
        })
    }

    /// The day an entry of this period is dated on: the first, except for
    /// a week, whose note is dated on its Friday (as `new week` does).
    pub(crate) fn date(&self) -> Date {
        match self.precision {
            Precision::Week => self
                .first
                .checked_add(jiff::Span::new().days(4))
                .unwrap_or(self.first),
            _ => self.first,
        }
    }

    /// Whether `d` falls in the period. A single day stands for its month
    /// when `widen_days`: two sources may date one role on different days.
    pub(crate) fn holds(&self, d: Date, widen_days: bool) -> bool {
        if widen_days && self.precision == Precision::Day {
            return (d.year(), d.month()) == (self.first.year(), self.first.month());
        }
        self.first <= d && d <= self.last
    }
}

/// An English month name, full or in three letters (`Sept` too), any case,
/// with or without a final dot.
pub(crate) fn month_named(word: &str) -> Option<i8> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.trim().trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    NAMES
        .iter()
        .position(|n| *n == w || (w.len() == 3 && n.starts_with(&w)))
        .map(|i| i as i8 + 1)
}

fn weekday_named(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w = word.trim_end_matches('.').to_lowercase();
    w.len() >= 3
        && DAYS
            .iter()
            .any(|d| *d == w || (w.len() <= 5 && d.starts_with(&w)))
}

/// A four-digit year from 1900 to 2199.
fn year_of(word: &str) -> Option<i16> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|y| (1900..2200).contains(y))
}

/// A day of the month: `6`, `06`, `6th`, `21st`.
fn day_of(word: &str) -> Option<i8> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn number_of(word: &str) -> Option<i8> {
    if word.is_empty() || word.len() > 2 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as JSON Resume writes them; the day
/// must be a real one. `None` for anything else.
pub(crate) fn iso_partial(s: &str) -> Option<Period> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i16>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => Period::year(num(y, 4)?),
        [y, m] => Period::month(num(y, 4)?, i8::try_from(num(m, 2)?).ok()?),
        [y, m, d] => Date::new(
            num(y, 4)?,
            i8::try_from(num(m, 2)?).ok()?,
            i8::try_from(num(d, 2)?).ok()?,
        )
        .ok()
        .map(Period::day),
        _ => None,
    }
}

/// What a piece of text says about when: a period, or a day or month
/// whose year must come from around it (`March 6`, a heading under `# 2026`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    Period(Period),
    /// A month and maybe a day (and maybe the end month of a range), no year.
    NoYear {
        month: i8,
        day: Option<i8>,
        to_month: Option<i8>,
    },
}

impl Found {
    /// The period, taking a missing year from `year`.
    pub(crate) fn with_year(self, year: Option<i16>) -> Option<Period> {
        match self {
            Found::Period(p) => Some(p),
            Found::NoYear {
                month,
                day,
                to_month,
            } => {
                let y = year?;
                match (day, to_month) {
                    (Some(d), _) => Date::new(y, month, d).ok().map(Period::day),
                    (None, Some(to)) => Period::months(y, month, to),
                    (None, None) => Period::month(y, month),
                }
            }
        }
    }
}

/// Splits text into lowercase words for date matching: punctuation that
/// dates are written with (`,`, `(`, `*`, `:`, `–`) becomes a space, except
/// the `-` and `/` inside `2026-03-06`, `2026-W10` or `2026/03/06`.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let text = text.replace(['–', '—'], " - ");
    for raw in text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '(' | ')' | '[' | ']' | '*' | '_' | ':' | '|' | '#' | '`' | '~'
            )
    }) {
        let w = raw.trim_matches(|c: char| c == '.' || c == '-' || c == '/' || c == '\'');
        if w.is_empty() {
            // A lone dash in `Jan - Mar 2026` separates a range.
            if raw.contains('-') {
                out.push("-".to_string());
            }
            continue;
        }
        // `Jan-Mar` or `Jun 21-Jul 26`: a dash between names is a range.
        if !w.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && let Some((a, b)) = w.split_once('-')
            && month_named(a).is_some()
        {
            out.push(a.to_lowercase());
            out.push("-".to_string());
            out.push(b.to_lowercase());
            continue;
        }
        out.push(w.to_lowercase());
    }
    out
}

/// Reads a date, week, month, quarter, half or year out of a heading or an
/// item's leading text: the first form found wins. A bare year counts only
/// when it is all the text says (`## 2026`), so `## Launched 3 features in
/// 2026` is no date.
pub(crate) fn find(text: &str) -> Option<Found> {
    let w = words(text);
    let w: Vec<&str> = w.iter().map(String::as_str).collect();
    // Leading weekday names are noise: `Friday 6 March 2026`.
    let w: Vec<&str> = w.into_iter().filter(|x| !weekday_named(x)).collect();
    for i in 0..w.len() {
        if let Some(f) = find_at(&w, i) {
            return Some(f);
        }
    }
    match w.as_slice() {
        [y] | ["year", y] => year_of(y).and_then(Period::year).map(Found::Period),
        _ => None,
    }
}

/// A date form starting at word `i`.
fn find_at(w: &[&str], i: usize) -> Option<Found> {
    let at = |k: usize| w.get(i + k).copied().unwrap_or("");
    let a = at(0);
    // 2026-03-06, 2026/03/06, 2026.03.06, 2026-03, 2026-W10, 2026-Q1.
    if let Some(y) = a.get(..4).and_then(year_of)
        && a.len() >= 7
        && a.as_bytes()[4].is_ascii_punctuation()
    {
        let norm = a.replace(['/', '.'], "-");
        if let Some(p) = iso_partial(&norm) {
            return Some(Found::Period(p));
        }
        // Byte 4 is ASCII, so byte 5 starts a character.
        let rest = &a[5..];
        if let Some(n) = rest.strip_prefix('w').and_then(number_of) {
            return Period::iso_week(y, n).map(Found::Period);
        }
        if let Some(q) = rest.strip_prefix('q').and_then(number_of) {
            return quarter(y, q);
        }
        return None;
    }
    // Week 10 2026, Week 10, 2026, Wk 10 2026, W10 2026.
    let week_no = match a {
        "week" | "wk" => number_of(at(1)).map(|n| (n, 2)),
        _ => a.strip_prefix('w').and_then(number_of).map(|n| (n, 1)),
    };
    if let Some((n, used)) = week_no
        && let Some(y) = year_of(at(used))
    {
        return Period::iso_week(y, n).map(Found::Period);
    }
    // Week of 2 March 2026 / Week of 2026-03-02: that day's ISO week.
    if a == "week"
        && at(1) == "of"
        && let Some(Found::Period(p)) = find_at(w, i + 2)
    {
        let iw = p.first.iso_week_date();
        return Period::iso_week(iw.year(), iw.week()).map(Found::Period);
    }
    // 2026 Week 10, 2026 W10, 2026 Q1, 2026 H2.
    if let Some(y) = year_of(a) {
        let b = at(1);
        if (b == "week" || b == "wk")
            && let Some(n) = number_of(at(2))
        {
            return Period::iso_week(y, n).map(Found::Period);
        }
        if let Some(n) = b.strip_prefix('w').and_then(number_of) {
            return Period::iso_week(y, n).map(Found::Period);
        }
        if let Some(q) = b.strip_prefix('q').and_then(number_of) {
            return quarter(y, q);
        }
        if let Some(h) = b.strip_prefix('h').and_then(number_of) {
            return half(y, h);
        }
    }
    // Q1 2026, H2 2026.
    if let Some(q) = a.strip_prefix('q').and_then(number_of)
        && let Some(y) = year_of(at(1))
    {
        return quarter(y, q);
    }
    if let Some(h) = a.strip_prefix('h').and_then(number_of)
        && let Some(y) = year_of(at(1))
    {
        return half(y, h);
    }
    // 6 March 2026, 6th Mar.
    if let Some(d) = day_of(a)
        && let Some(m) = month_named(at(1))
    {
        return Some(dated(m, Some(d), year_of(at(2))));
    }
    // March 6 2026, Mar 6th, March 2026, Jan – Mar 2026, Mar 6 – Apr 2, 2026.
    if let Some(m) = month_named(a) {
        let b = at(1);
        if let Some(d) = day_of(b) {
            // A range's end may come before the year: take the start.
            let mut k = 2;
            if at(k) == "-" {
                k += 1;
                if month_named(at(k)).is_some() {
                    k += 1;
                }
                if day_of(at(k)).is_some() {
                    k += 1;
                }
            }
            return Some(dated(m, Some(d), year_of(at(k))));
        }
        if let Some(y) = year_of(b) {
            return Period::month(y, m).map(Found::Period);
        }
        if b == "-"
            && let Some(to) = month_named(at(2))
        {
            return match year_of(at(3)) {
                Some(y) => Period::months(y, m, to).map(Found::Period),
                None => Some(Found::NoYear {
                    month: m,
                    day: None,
                    to_month: Some(to),
                }),
            };
        }
        // A month alone is a date only when it is all the text: `## March`.
        if w.len() == 1 {
            return Some(Found::NoYear {
                month: m,
                day: None,
                to_month: None,
            });
        }
    }
    None
}

fn dated(month: i8, day: Option<i8>, year: Option<i16>) -> Found {
    match year.and_then(|y| Date::new(y, month, day.unwrap_or(1)).ok()) {
        Some(d) if day.is_some() => Found::Period(Period::day(d)),
        Some(d) => Period::month(d.year(), month).map_or(
            Found::NoYear {
                month,
                day,
                to_month: None,
            },
            Found::Period,
        ),
        None => Found::NoYear {
            month,
            day,
            to_month: None,
        },
    }
}

fn quarter(y: i16, q: i8) -> Option<Found> {
    if !(1..=4).contains(&q) {
        return None;
    }
    Period::months(y, (q - 1) * 3 + 1, q * 3).map(Found::Period)
}

fn half(y: i16, h: i8) -> Option<Found> {
    if !(1..=2).contains(&h) {
        return None;
    }
    Period::months(y, (h - 1) * 6 + 1, h * 6).map(Found::Period)
}

/// The months and years LinkedIn writes: `Mar 2021`, `March 2021`, `2021`
/// (and the ISO forms, which a hand-edited file may hold). `None` for
/// anything else.
pub(crate) fn month_year(s: &str) -> Option<Period> {
    let s = s.trim();
    if let Some(p) = iso_partial(s) {
        return Some(p);
    }
    let mut parts = s.split_whitespace();
    let (m, y) = (parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    Period::month(year_of(y)?, month_named(m)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// The date an entry gets, and the last day of its period.
    fn span(text: &str) -> Option<(String, String, Precision)> {
        find(text)
            .and_then(|f| f.with_year(None))
            .map(|p| (p.date().to_string(), p.last.to_string(), p.precision))
    }

    #[test]
    fn month_names_in_full_or_short_in_any_case() {
        for (w, m) in [
            ("Mar", 3),
            ("march", 3),
            ("MARCH", 3),
            ("Sept", 9),
            ("sep.", 9),
            ("Dec", 12),
            ("may", 5),
        ] {
            assert_eq!(month_named(w), Some(m), "{w}");
        }
        for w in ["Ma", "Marc", "Mär", "13", "", "mars"] {
            assert_eq!(month_named(w), None, "{w}");
        }
    }

    #[test]
    fn iso_partials_keep_their_precision_and_must_be_real() {
        assert_eq!(iso_partial("2021"), Period::year(2021));
        let m = iso_partial("2021-03").unwrap();
        assert_eq!((m.first, m.last), (d("2021-03-01"), d("2021-03-31")));
        assert_eq!(m.precision, Precision::Month);
        assert_eq!(
            iso_partial("2024-02-29"),
            Some(Period::day(d("2024-02-29")))
        );
        for bad in [
            "2021-13",
            "2021-02-30",
            "2023-02-29",
            "21-03",
            "2021-3",
            "2021/03",
            "",
            "Present",
            "2021-03-01T00:00",
        ] {
            assert_eq!(iso_partial(bad), None, "{bad}");
        }
    }

    #[test]
    fn linkedin_months_and_years() {
        let p = month_year("Mar 2021").unwrap();
        assert_eq!((p.first, p.last), (d("2021-03-01"), d("2021-03-31")));
        assert_eq!(month_year("February 2024").unwrap().last, d("2024-02-29"));
        assert_eq!(month_year(" 2019 "), Period::year(2019));
        for bad in [
            "2019/03",
            "Mär 2021",
            "Mar",
            "Mar 21",
            "Mar 2021 x",
            "spring 2020",
        ] {
            assert_eq!(month_year(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_headings_spec_names() {
        assert_eq!(
            span("2026-03-06"),
            Some(("2026-03-06".into(), "2026-03-06".into(), Precision::Day))
        );
        // Week 10 of 2026 is Monday 2 to Sunday 8 March; its note is dated
        // on the Friday, as `new week` dates it.
        assert_eq!(
            span("Week 10 2026"),
            Some(("2026-03-06".into(), "2026-03-08".into(), Precision::Week))
        );
        assert_eq!(
            span("March 2026"),
            Some(("2026-03-01".into(), "2026-03-31".into(), Precision::Month))
        );
    }

    #[test]
    fn other_common_heading_forms() {
        for (text, date) in [
            ("2026/03/06", "2026-03-06"),
            ("Friday, 6 March 2026", "2026-03-06"),
            ("Fri 6th Mar 2026", "2026-03-06"),
            ("March 6, 2026", "2026-03-06"),
            ("**2026-03-06** — release week", "2026-03-06"),
            ("2026-03-06: shipped the importer", "2026-03-06"),
            ("Week 10, 2026", "2026-03-06"),
            ("Wk 10 2026", "2026-03-06"),
            ("W10 2026", "2026-03-06"),
            ("2026-W10", "2026-03-06"),
            ("2026 Week 10", "2026-03-06"),
            ("Week of March 2, 2026", "2026-03-06"),
            ("Week of 2026-03-04", "2026-03-06"),
            ("Mar 2026", "2026-03-01"),
            ("2026-03", "2026-03-01"),
            ("Q1 2026", "2026-01-01"),
            ("2026 Q3", "2026-07-01"),
            ("2026-Q2", "2026-04-01"),
            ("H2 2026", "2026-07-01"),
            ("Jan – Mar 2026", "2026-01-01"),
            ("Jan-Mar 2026", "2026-01-01"),
            ("2026", "2026-01-01"),
            ("Year 2026", "2026-01-01"),
            ("Jun 21 - Jul 26, 2025", "2025-06-21"),
        ] {
            let got = span(text);
            assert_eq!(got.as_ref().map(|s| s.0.as_str()), Some(date), "{text}");
        }
        assert_eq!(span("Q1 2026").unwrap().1, "2026-03-31");
        assert_eq!(span("Jan – Mar 2026").unwrap().1, "2026-03-31");
        assert_eq!(span("2026").unwrap().2, Precision::Year);
    }

    #[test]
    fn headings_that_are_no_date() {
        for text in [
            "Projects",
            "Collaboration & mentorship",
            "Launched 3 features in 2026",
            "What I learned",
            "Week 10",
            "2026 goals",
            "Q5 2026",
            "Week 54 2026",
            "v2.0.1 release",
            "",
        ] {
            assert_eq!(span(text), None, "{text}");
        }
    }

    #[test]
    fn a_date_without_a_year_takes_it_from_around() {
        let f = find("March 6").unwrap();
        assert_eq!(f.with_year(None), None);
        assert_eq!(f.with_year(Some(2026)), Some(Period::day(d("2026-03-06"))));
        let f = find("March").unwrap();
        assert_eq!(f.with_year(Some(2026)), Period::month(2026, 3));
        assert_eq!(
            find("Feb 28").unwrap().with_year(Some(2025)).unwrap().first,
            d("2025-02-28")
        );
        // No February 30 in any year.
        assert_eq!(find("Feb 30").unwrap().with_year(Some(2025)), None);
    }

    #[test]
    fn periods_hold_their_days_and_a_day_may_stand_for_its_month() {
        let march = Period::month(2021, 3).unwrap();
        assert!(march.holds(d("2021-03-15"), false));
        assert!(!march.holds(d("2021-04-01"), false));
        let day = Period::day(d("2021-03-15"));
        assert!(!day.holds(d("2021-03-01"), false));
        assert!(day.holds(d("2021-03-01"), true));
        assert!(!day.holds(d("2021-04-15"), true));
    }
}
