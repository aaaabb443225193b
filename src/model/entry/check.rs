//! Checking one front-matter value against its rule (a date, one of a few
//! words, a score) and reporting a bad one at its own line and column. Every
//! kind's resolve step uses these, so each kind of mistake reads the same
//! whichever key it is in.

use crate::diag::Code;
use crate::diag::{Diagnostic, nearest};
use crate::model::entry::{DATE_FORMS, EntryDate};
use crate::model::frontmatter::{Text, in_flow_mapping, key_position};

/// One entry's front matter while it is resolved: the text its values
/// came from, to point at them, and every problem found so far.
pub(super) struct Fm<'a> {
    pub(super) path: &'a str,
    pub(super) text: &'a str,
    pub(super) yaml: &'a str,
    pub(super) yaml_line: usize,
    pub(super) errors: Vec<Diagnostic>,
}

impl Fm<'_> {
    /// `d`, placed at the value of `key` (a path of nested keys); at the
    /// fence when the key is not found (a value that came from `defaults:`).
    pub(super) fn at(&self, key: &[&str], d: Diagnostic) -> Diagnostic {
        let flow = || {
            let (last, parent) = key.split_last()?;
            in_flow_mapping(self.yaml, parent, last)
        };
        let (line, col) = match key_position(self.yaml, key) {
            Some(p) => (self.yaml_line + p.line - 1, p.value_col),
            None => match flow() {
                Some((l, c)) => (self.yaml_line + l - 1, c),
                None => (self.yaml_line.saturating_sub(1).max(1), 1),
            },
        };
        d.at(self.path, self.text, line, col)
    }

    /// A date, or None after reporting why it is not one.
    pub(super) fn date(&mut self, key: &str, v: Option<Text>) -> Option<EntryDate> {
        let v = v?;
        match EntryDate::parse(&v.0) {
            Some(d) => Some(d),
            None => {
                let d = self.at(
                    &[key],
                    Diagnostic::error(Code::InvalidDate, format!("`{}` is not a valid date", v.0))
                        .with_help(DATE_FORMS),
                );
                self.errors.push(d);
                None
            }
        }
    }

    /// One of the `allowed` words, or None after reporting the nearest.
    pub(super) fn choice<T>(
        &mut self,
        key: &str,
        v: Option<Text>,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &[&str],
    ) -> Option<T> {
        let v = v?;
        match parse(v.0.trim()) {
            Some(t) => Some(t),
            None => {
                let help = match nearest(&v.0, allowed.iter().copied())
                    .or_else(|| synonym(&v.0, allowed))
                {
                    Some(n) => format!("did you mean `{n}`? allowed: {}", allowed.join(", ")),
                    None => format!("allowed: {}", allowed.join(", ")),
                };
                let d = self.at(
                    &[key],
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("`{}` is not a valid `{key}`", v.0),
                    )
                    .with_help(help),
                );
                self.errors.push(d);
                None
            }
        }
    }

    /// A whole number from `lo` to `hi`, or None after reporting it.
    pub(super) fn score(&mut self, key: &[&str], v: Option<f64>, lo: f64, hi: f64) -> Option<u8> {
        let v = v?;
        if v.fract() == 0.0 && (lo..=hi).contains(&v) {
            return Some(v as u8);
        }
        let help = match key[0] {
            "progress" => {
                "a percentage, e.g. `progress: 40`; leave it out to count the goal's checklist"
            }
            "highlights" => "how many achievements each role shows, e.g. `highlights: 3`",
            _ => "score it from 1 (very bad) to 10 (great)",
        };
        let d = self.at(
            key,
            Diagnostic::error(
                Code::OutOfRange,
                format!(
                    "`{}` must be a whole number from {lo} to {hi}, not {v}",
                    key.join(".")
                ),
            )
            .with_help(help),
        );
        self.errors.push(d);
        None
    }

    /// Whether a problem with `key` was reported already: its value was then
    /// left out, and is not also missing. A typo's "did you mean `key`?"
    /// counts too.
    pub(super) fn reported(&self, key: &str) -> bool {
        key_position(self.yaml, &[key]).is_some_and(|p| {
            self.errors
                .iter()
                .any(|e| e.line == self.yaml_line + p.line - 1)
        }) || self
            .errors
            .iter()
            .any(|e| e.suggestion.as_deref() == Some(key))
    }
}

/// Words people write for the allowed values: `done` means `achieved`.
fn synonym(word: &str, allowed: &[&str]) -> Option<&'static str> {
    const SYNONYMS: &[(&str, &str)] = &[
        ("done", "achieved"),
        ("complete", "achieved"),
        ("completed", "achieved"),
        ("finished", "achieved"),
        ("reached", "achieved"),
        ("in-progress", "active"),
        ("in progress", "active"),
        ("ongoing", "active"),
        ("started", "active"),
        ("todo", "planned"),
        ("later", "planned"),
        ("next", "planned"),
        ("on-hold", "paused"),
        ("on hold", "paused"),
        ("blocked", "paused"),
        ("abandoned", "dropped"),
        ("cancelled", "dropped"),
        ("canceled", "dropped"),
        ("job", "role"),
        ("position", "role"),
        ("degree", "education"),
        ("course", "education"),
        ("cert", "certification"),
        ("prize", "award"),
        ("relocation", "move"),
        ("hidden", "private"),
        ("secret", "private"),
        ("published", "public"),
        ("month", "30d"),
        ("1m", "30d"),
        ("quarter", "3m"),
        ("90d", "3m"),
        ("year", "1y"),
        ("12m", "1y"),
    ];
    let w = word.trim().to_lowercase();
    SYNONYMS
        .iter()
        .find(|(k, v)| *k == w && allowed.contains(v))
        .map(|(_, v)| *v)
}

/// A front matter of `yaml` alone, from line 1, for tests of the steps.
#[cfg(test)]
impl<'a> Fm<'a> {
    pub(super) fn of(yaml: &'a str) -> Fm<'a> {
        Fm {
            path: "a.md",
            text: yaml,
            yaml,
            yaml_line: 1,
            errors: Vec::new(),
        }
    }
}

#[cfg(test)]
pub(super) fn text(s: &str) -> Option<Text> {
    Some(Text(s.to_string()))
}

/// Each problem's code and line.
#[cfg(test)]
pub(super) fn codes(fm: &Fm) -> Vec<(&'static str, usize)> {
    fm.errors
        .iter()
        .map(|e| (e.code.as_str(), e.line))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(yaml: &str) -> Fm<'_> {
        Fm::of(yaml)
    }

    #[test]
    fn a_bad_date_is_reported_at_its_value() {
        let mut f = fm("title: a\ndue: soon\n");
        assert_eq!(f.date("due", text("soon")), None);
        assert_eq!(f.date("due", None), None);
        let d = f.date("due", text("2026-03-06")).unwrap();
        assert_eq!(d.date.to_string(), "2026-03-06");
        assert_eq!(f.errors.len(), 1);
        let e = &f.errors[0];
        assert_eq!((e.code.as_str(), e.line, e.col), ("invalid-date", 2, 6));
        assert_eq!(e.message, "`soon` is not a valid date");
    }

    #[test]
    fn a_choice_suggests_the_nearest_word_or_a_synonym() {
        let mut f = fm("status: actve\nkind: x\n");
        let parse = |s: &str| ["active", "paused"].contains(&s).then(|| s.to_string());
        let allowed = ["active", "paused"];
        assert_eq!(
            f.choice("status", text(" active "), parse, &allowed)
                .as_deref(),
            Some("active")
        );
        assert_eq!(f.choice("status", text("actve"), parse, &allowed), None);
        assert_eq!(f.choice("status", text("On Hold"), parse, &allowed), None);
        assert_eq!(f.choice("status", text("zzz"), parse, &allowed), None);
        let helps: Vec<&str> = f
            .errors
            .iter()
            .map(|e| e.help.as_deref().unwrap())
            .collect();
        assert_eq!(
            helps,
            [
                "did you mean `active`? allowed: active, paused",
                "did you mean `paused`? allowed: active, paused",
                "allowed: active, paused"
            ]
        );
        assert_eq!(f.errors[0].message, "`actve` is not a valid `status`");
        assert_eq!((f.errors[0].line, f.errors[0].col), (1, 9));
    }

    #[test]
    fn scores_are_whole_and_in_range() {
        let mut f = fm("wellbeing:\n  career: 11\nprogress: 40.5\n");
        assert_eq!(
            f.score(&["wellbeing", "career"], Some(7.0), 1.0, 10.0),
            Some(7)
        );
        assert_eq!(
            f.score(&["wellbeing", "career"], Some(11.0), 1.0, 10.0),
            None
        );
        assert_eq!(f.score(&["progress"], Some(40.5), 0.0, 100.0), None);
        let shown: Vec<(usize, &str)> = f
            .errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    2,
                    "`wellbeing.career` must be a whole number from 1 to 10, not 11"
                ),
                (
                    3,
                    "`progress` must be a whole number from 0 to 100, not 40.5"
                )
            ]
        );
        assert!(f.errors[1].help.as_deref().unwrap().contains("checklist"));
    }

    #[test]
    fn a_value_not_in_the_text_is_placed_at_the_fence() {
        let f = fm("title: a\ngoal: { status: done }\n");
        let d = f.at(&["goal", "status"], Diagnostic::error(Code::Io, "y"));
        assert_eq!((d.line, d.col), (2, 17));
        let d = f.at(&["goal", "due"], Diagnostic::error(Code::Io, "y"));
        assert_eq!((d.line, d.col), (1, 1));
    }

    #[test]
    fn a_reported_key_is_not_also_missing() {
        let mut f = fm("title: [\ndate: x\n");
        assert!(!f.reported("title"));
        f.errors
            .push(Diagnostic::error(Code::InvalidType, "t").at("a.md", "", 1, 1));
        assert!(f.reported("title"));
        assert!(!f.reported("date"));
        f.errors.push(
            Diagnostic::error(Code::UnknownKey, "u")
                .with_help("did you mean `date`?")
                .suggest("date"),
        );
        assert!(f.reported("date"));
    }

    #[test]
    fn synonyms_only_name_allowed_words() {
        assert_eq!(synonym("Done", &["achieved", "active"]), Some("achieved"));
        assert_eq!(synonym("done", &["active"]), None);
        assert_eq!(synonym("quarter", &["3m", "1y"]), Some("3m"));
    }
}
