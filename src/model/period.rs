//! A document's `period`: a year (`2026`), a half (`2026-H2`) or a quarter
//! (`2026-Q3`), read into the first and last day it covers, and the period
//! that follows it (what a self-review's "what comes next" looks at).

use jiff::civil::{Date, date};

/// The forms `period` takes, for help texts.
pub(crate) const PERIOD_FORMS: &str = "a year (`2026`), a half (`2026-H1`, `2026-H2`) or a quarter (`2026-Q1` … `2026-Q4`); \
     or leave `period` out and give `from`/`to` dates";

/// How many months one period of its kind spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Year,
    Half,
    Quarter,
}

impl Unit {
    fn months(self) -> i8 {
        match self {
            Unit::Year => 12,
            Unit::Half => 6,
            Unit::Quarter => 3,
        }
    }
}

/// A named period: its label as written (normalised), its first and last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Period {
    pub(crate) label: String,
    pub(crate) from: Date,
    pub(crate) to: Date,
    unit: Unit,
}

impl Period {
    /// `2026`, `2026-H2`, `2026-q3` (the letter in either case); None for
    /// anything else.
    pub(crate) fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let (year, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i16 = year.parse().ok()?;
        if !(1900..=2999).contains(&year) {
            return None;
        }
        let (unit, index) = match rest {
            None => (Unit::Year, 1),
            Some(r) => {
                let mut chars = r.chars();
                let letter = chars.next()?.to_ascii_uppercase();
                let n: i8 = chars.as_str().parse().ok()?;
                match (letter, n) {
                    ('H', 1..=2) => (Unit::Half, n),
                    ('Q', 1..=4) => (Unit::Quarter, n),
                    _ => return None,
                }
            }
        };
        Some(Period::of(year, unit, index))
    }

    fn of(year: i16, unit: Unit, index: i8) -> Period {
        let first_month = (index - 1) * unit.months() + 1;
        let from = date(year, first_month, 1);
        let to = from
            .checked_add(jiff::Span::new().months(unit.months()))
            .and_then(|d| d.yesterday())
            .expect("a period of 1900–2999 has a last day");
        let label = match unit {
            Unit::Year => format!("{year}"),
            Unit::Half => format!("{year}-H{index}"),
            Unit::Quarter => format!("{year}-Q{index}"),
        };
        Period {
            label,
            from,
            to,
            unit,
        }
    }

    /// The period of the same kind that follows this one: 2026-H2 → 2027-H1.
    pub(crate) fn next(&self) -> Period {
        let per_year = 12 / self.unit.months();
        let index = (self.from.month() - 1) / self.unit.months() + 1;
        if index == per_year {
            Period::of(self.from.year() + 1, self.unit, 1)
        } else {
            Period::of(self.from.year(), self.unit, index + 1)
        }
    }
}

/// The span of as many days as `from`..=`to` that starts the day after
/// `to`: what follows a document given by its dates.
pub(crate) fn following(from: Date, to: Date) -> (Date, Date) {
    let days = (to - from).get_days().max(0);
    let start = to.tomorrow().unwrap_or(to);
    let end = start.saturating_add(jiff::Span::new().days(days));
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_covers_its_days() {
        let p = Period::parse("2026").unwrap();
        assert_eq!((p.from, p.to), (date(2026, 1, 1), date(2026, 12, 31)));
        let p = Period::parse("2026-h2").unwrap();
        assert_eq!(p.label, "2026-H2");
        assert_eq!((p.from, p.to), (date(2026, 7, 1), date(2026, 12, 31)));
        let p = Period::parse("2026-Q1").unwrap();
        assert_eq!((p.from, p.to), (date(2026, 1, 1), date(2026, 3, 31)));
        let p = Period::parse(" 2024-Q1 ").unwrap();
        assert_eq!(p.to, date(2024, 3, 31));
        let p = Period::parse("2026-Q3").unwrap();
        assert_eq!((p.from, p.to), (date(2026, 7, 1), date(2026, 9, 30)));
    }

    #[test]
    fn anything_else_is_not_a_period() {
        for bad in [
            "", "26", "2026-H3", "2026-Q0", "2026-Q5", "2026-M1", "H2", "2026-", "2026-H",
            "2026-03", "2026/H2", "20266", "0001", "2026-Q1x",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_next_period_is_of_the_same_kind() {
        let next = |s: &str| Period::parse(s).unwrap().next().label;
        assert_eq!(next("2026"), "2027");
        assert_eq!(next("2026-H1"), "2026-H2");
        assert_eq!(next("2026-H2"), "2027-H1");
        assert_eq!(next("2026-Q3"), "2026-Q4");
        assert_eq!(next("2026-Q4"), "2027-Q1");
    }

    #[test]
    fn dates_are_followed_by_as_many_days() {
        assert_eq!(
            following(date(2026, 1, 1), date(2026, 1, 10)),
            (date(2026, 1, 11), date(2026, 1, 20))
        );
    }
}
