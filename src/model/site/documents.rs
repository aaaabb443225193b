//! Share pages as documents (brief, packet, review, cv): a packet's
//! `target` checked against the ladder, and every filter, period or target
//! that would select nothing reported at its line, so a misspelled tag is a
//! warning and not a silent empty document. How a goal filter reaches the
//! goal's sub-goals is decided here too, for the check and the page alike.

use std::collections::HashSet;
use std::sync::Arc;

use jiff::civil::Date;

use super::counts_as_evidence;
use super::point;
use crate::diag::{Code, Diagnostic, nearest};
use crate::model::config::LadderConfig;
use crate::model::entry::{Entry, KindMeta, Layout, ShareInclude};
use crate::model::kind::Kind;
use crate::model::ladder::{Loaded, unknown_help};
use crate::model::markdown::term_slug;

/// The goals a goal filter names, with every goal below them: `parent_of`
/// gives a goal's parent slug. A brief for "Become a staff engineer" is
/// about the work filed under its sub-goals too.
pub(crate) fn with_sub_goals<'a>(
    named: &'a [String],
    goals: impl Iterator<Item = (&'a str, Option<&'a str>)> + Clone,
) -> HashSet<&'a str> {
    let mut family: HashSet<&str> = named.iter().map(String::as_str).collect();
    // Grows by a generation each round; a cycle (reported elsewhere) ends
    // it as surely as the tree's leaves do.
    loop {
        let before = family.len();
        for (slug, parent) in goals.clone() {
            if parent.is_some_and(|p| family.contains(p)) {
                family.insert(slug);
            }
        }
        if family.len() == before {
            return family;
        }
    }
}

/// The days a share page covers: `from`/`to` (or its `period`'s), else the
/// year up to today.
pub(crate) fn span(from: Option<Date>, to: Option<Date>, today: Date) -> (Date, Date) {
    let to = to.unwrap_or(today);
    let from = from.unwrap_or_else(|| to.saturating_sub(jiff::Span::new().years(1)));
    (from, to)
}

/// Whether achievement `a` passes the filters of `include` (`goals` the
/// goal filter with its sub-goals): within one filter any value will do,
/// and every filter given must hold.
pub(crate) struct Filter<'a> {
    pub(crate) include: &'a ShareInclude,
    pub(crate) goals: HashSet<&'a str>,
}

/// What [`Filter`] looks at of an achievement.
pub(crate) struct Facts<'a> {
    pub(crate) tags: &'a [String],
    pub(crate) skills: &'a [String],
    pub(crate) goals: &'a [String],
    pub(crate) competencies: &'a [String],
    pub(crate) featured: bool,
}

impl Filter<'_> {
    pub(crate) fn passes(&self, a: &Facts) -> bool {
        let i = self.include;
        let any_term = |wanted: &[String], has: &[String]| {
            wanted.is_empty()
                || has
                    .iter()
                    .any(|h| wanted.iter().any(|w| term_slug(w) == *h))
        };
        any_term(&i.tags, a.tags)
            && any_term(&i.skills, a.skills)
            && (i.goals.is_empty() || a.goals.iter().any(|g| self.goals.contains(g.as_str())))
            && (i.featured != Some(true) || a.featured)
            && (i.competencies.is_empty()
                || a.competencies.iter().any(|c| i.competencies.contains(c)))
    }
}

/// What the check reads of one achievement that counts.
struct Fact {
    date: Date,
    tags: Vec<String>,
    skills: Vec<String>,
    goals: Vec<String>,
    competencies: Vec<String>,
    featured: bool,
}

impl Fact {
    fn of(e: &Entry) -> Option<Fact> {
        let KindMeta::Achievement {
            skills,
            goals,
            evidence,
            ..
        } = &e.meta
        else {
            return None;
        };
        Some(Fact {
            date: e.date.as_ref()?.date,
            tags: e.tags.iter().map(|t| term_slug(t)).collect(),
            skills: skills.iter().map(|s| term_slug(s)).collect(),
            goals: goals.clone(),
            competencies: evidence.clone(),
            featured: e.featured,
        })
    }

    fn facts(&self) -> Facts<'_> {
        Facts {
            tags: &self.tags,
            skills: &self.skills,
            goals: &self.goals,
            competencies: &self.competencies,
            featured: self.featured,
        }
    }
}

/// Every problem with the share pages' documents: an unknown `target`
/// level (error), a packet without a ladder (error), and filters, periods
/// and targets that select nothing (warnings).
pub(super) fn check(
    entries: &[Arc<Entry>],
    ladder: &LadderConfig,
    today: Date,
    diags: &mut Vec<Diagnostic>,
) {
    let goals: Vec<(&str, Option<&str>)> = entries
        .iter()
        .filter_map(|e| match &e.meta {
            KindMeta::Goal { parent, .. } => Some((e.slug.as_str(), parent.as_deref())),
            _ => None,
        })
        .collect();
    // What a filter is matched against: the achievements that count.
    let achievements: Vec<Fact> = entries
        .iter()
        .filter(|e| e.kind == Kind::Achievement && counts_as_evidence(e.private, e.draft))
        .filter_map(|e| Fact::of(e))
        .collect();
    for e in entries {
        let KindMeta::Share {
            layout,
            target,
            include,
            from,
            to,
            period,
            ..
        } = &e.meta
        else {
            continue;
        };
        check_target(e, *layout, target.as_deref(), ladder, diags);
        if *layout == Layout::Cv {
            // A cv is the whole career: its filters are not read.
            continue;
        }
        let (from, to) = span(*from, *to, today);
        if from > to {
            continue; // reported where it was read
        }
        let in_period: Vec<&Fact> = achievements
            .iter()
            .filter(|f| f.date >= from && f.date <= to)
            .collect();
        let when = match period {
            Some(p) => format!("in {}", p.label),
            None => format!("from {from} to {to}"),
        };
        if in_period.is_empty() {
            let key = if period.is_some() { "period" } else { "from" };
            let shown = if period.is_some() || from_given(e) {
                key
            } else {
                "title"
            };
            diags.push(point(
                e,
                shown,
                "",
                Diagnostic::warning(
                    Code::MatchesNothing,
                    format!("no public achievement is dated {when}: the document would be empty"),
                )
                .with_help("check the period, or write the achievements it should hold"),
            ));
            continue;
        }
        let known = Known {
            goals: &goals,
            ladder,
        };
        check_filters(e, include, &when, &in_period, &known, diags);
    }
}

/// What a share page's filter values can name.
struct Known<'a> {
    goals: &'a [(&'a str, Option<&'a str>)],
    ladder: &'a LadderConfig,
}

impl Known<'_> {
    fn goal(&self, g: &str) -> bool {
        self.goals.iter().any(|(slug, _)| *slug == g)
    }

    fn competency(&self, c: &str) -> bool {
        self.ladder
            .ready()
            .is_some_and(|l| l.competency(c).is_some())
    }
}

/// A warning for each filter value no achievement of the period matches
/// (with the nearest tag or skill), and one when each matches but no
/// achievement passes them all. Unknown goals and competencies are errors
/// of their own, reported elsewhere.
fn check_filters(
    e: &Entry,
    include: &ShareInclude,
    when: &str,
    all: &[&Fact],
    known: &Known,
    diags: &mut Vec<Diagnostic>,
) {
    let mut each_matches = true;
    let mut miss = |value: &str, what: String, near: Option<&str>| {
        each_matches = false;
        let help = match near {
            Some(n) => format!(
                "did you mean `{n}`? a filter that matches nothing leaves the document empty"
            ),
            None => "check the spelling and the period; a filter that matches nothing leaves the document empty".to_string(),
        };
        diags.push(
            point(
                e,
                "include",
                value,
                Diagnostic::warning(
                    Code::MatchesNothing,
                    format!("no public achievement {when} {what}"),
                )
                .about(value)
                .with_help(help),
            )
            .with_suggestion(near),
        );
    };
    // Near misses among the terms the period's work carries.
    let near = |value: &str, pick: fn(&Fact) -> &Vec<String>| -> Option<String> {
        let slug = term_slug(value);
        nearest(
            &slug,
            all.iter().flat_map(|f| pick(f).iter().map(String::as_str)),
        )
        .map(str::to_string)
    };
    for t in &include.tags {
        if !all.iter().any(|f| f.tags.contains(&term_slug(t))) {
            let n = near(t, |f| &f.tags);
            miss(t, format!("has the tag `{t}`"), n.as_deref());
        }
    }
    for s in &include.skills {
        if !all.iter().any(|f| f.skills.contains(&term_slug(s))) {
            let n = near(s, |f| &f.skills);
            miss(s, format!("shows the skill `{s}`"), n.as_deref());
        }
    }
    for g in include.goals.iter().filter(|g| known.goal(g)) {
        let one = with_sub_goals(std::slice::from_ref(g), known.goals.iter().copied());
        if !all
            .iter()
            .any(|f| f.goals.iter().any(|x| one.contains(x.as_str())))
        {
            miss(g, format!("serves the goal `{g}` or a goal under it"), None);
        }
    }
    for c in include.competencies.iter().filter(|c| known.competency(c)) {
        if !all.iter().any(|f| f.competencies.contains(c)) {
            miss(c, format!("is evidence for `{c}`"), None);
        }
    }
    let unknown = include.goals.iter().any(|g| !known.goal(g))
        || include.competencies.iter().any(|c| !known.competency(c));
    let filter = Filter {
        include,
        goals: with_sub_goals(&include.goals, known.goals.iter().copied()),
    };
    if each_matches && !unknown && !all.iter().any(|f| filter.passes(&f.facts())) {
        diags.push(point(
            e,
            "include",
            "",
            Diagnostic::warning(
                Code::MatchesNothing,
                format!("each filter matches, but no public achievement {when} passes them all"),
            )
            .with_help("filters combine: an achievement must match every filter given (any value within one); drop one"),
        ));
    }
}

fn from_given(e: &Entry) -> bool {
    matches!(&e.meta, KindMeta::Share { from: Some(_), .. })
}

/// A packet's level: the page's `target`, else the config's; it must be a
/// level of the ladder, with competencies.
fn check_target(
    e: &Entry,
    layout: Layout,
    target: Option<&str>,
    ladder: &LadderConfig,
    diags: &mut Vec<Diagnostic>,
) {
    if layout != Layout::Packet && target.is_none() {
        return;
    }
    let l = match &ladder.loaded {
        Loaded::Broken => return,
        Loaded::None => {
            let key = if target.is_some() { "target" } else { "layout" };
            diags.push(point(
                e,
                key,
                "",
                Diagnostic::error(
                    Code::NoLadder,
                    "a promotion packet is written against a career ladder, and the site has none",
                )
                .with_help("add ladder.yaml (`waymark import ladder FILE` converts your company's framework), or use `layout: brief`"),
            ));
            return;
        }
        Loaded::Ready(l) => l,
    };
    let Some(id) = target.or(ladder.target.as_deref()) else {
        diags.push(point(
            e,
            "layout",
            "",
            Diagnostic::error(Code::UnknownLevel, "a packet needs the level it makes the case for")
                .with_help(format!(
                    "add `target:` here or `ladder: {{ target: … }}` in waymark.yaml; the levels are {}",
                    l.level_ids().join(", ")
                )),
        ));
        return;
    };
    let Some(level) = l.level(id) else {
        // The config's own target is checked with the config.
        if target.is_some() {
            let known = l.level_ids();
            let (help, near) = unknown_help(id, &known, "level");
            diags.push(
                point(
                    e,
                    "target",
                    id,
                    Diagnostic::error(
                        Code::UnknownLevel,
                        format!("`{id}` is not a level of {}", l.path),
                    )
                    .with_help(help),
                )
                .with_suggestion(near)
                .about(id),
            );
        }
        return;
    };
    if !l
        .competencies
        .iter()
        .any(|c| l.level(&c.level) == Some(level))
    {
        diags.push(point(
            e,
            if target.is_some() { "target" } else { "layout" },
            id,
            Diagnostic::warning(
                Code::MatchesNothing,
                format!("the level `{id}` has no competencies in {}", l.path),
            )
            .with_help("a packet lists the target level's competencies: add them to the ladder, or choose another level"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_goal_filter_reaches_every_generation_below_it() {
        let goals = [
            ("staff", None),
            ("design", Some("staff")),
            ("rfc", Some("design")),
            ("other", None),
            ("loop-a", Some("loop-b")),
            ("loop-b", Some("loop-a")),
        ];
        let named = vec!["staff".to_string()];
        let family = with_sub_goals(&named, goals.iter().copied());
        let mut got: Vec<_> = family.into_iter().collect();
        got.sort_unstable();
        assert_eq!(got, ["design", "rfc", "staff"]);
        // A cycle ends too.
        let named = vec!["loop-a".to_string()];
        assert_eq!(with_sub_goals(&named, goals.iter().copied()).len(), 2);
    }

    #[test]
    fn filters_combine_all_of_any() {
        let include = ShareInclude {
            tags: vec!["Platform".into(), "infra".into()],
            featured: Some(true),
            ..Default::default()
        };
        let f = Filter {
            include: &include,
            goals: HashSet::new(),
        };
        let tags = ["platform".to_string()];
        let a = |featured| Facts {
            tags: &tags,
            skills: &[],
            goals: &[],
            competencies: &[],
            featured,
        };
        assert!(f.passes(&a(true)));
        assert!(!f.passes(&a(false)), "featured must hold as well");
    }
}
