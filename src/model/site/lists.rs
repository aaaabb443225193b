//! The last pass: the site's collections in reading order (the log and
//! reflections newest first, the journey oldest first) and the term pages
//! with their first and latest use.

use std::sync::Arc;

use jiff::civil::Date;
use rustc_hash::FxHashMap as HashMap;

use super::{EntryView, TermPage};
use crate::model::kind::Kind;

/// Indices into the site's views, one list per kind.
#[derive(Default)]
pub(super) struct Collections {
    pub(crate) achievements: Vec<usize>,
    pub(crate) goals: Vec<usize>,
    pub(crate) reflections: Vec<usize>,
    pub(crate) milestones: Vec<usize>,
    pub(crate) shares: Vec<usize>,
    pub(crate) pages: Vec<usize>,
    pub(crate) home: Option<usize>,
}

pub(super) fn collections(views: &[Arc<EntryView>], dates: &[Option<Date>]) -> Collections {
    let mut c = Collections::default();
    for (n, v) in views.iter().enumerate() {
        match v.kind {
            Kind::Achievement => c.achievements.push(n),
            Kind::Goal => c.goals.push(n),
            Kind::Reflection => c.reflections.push(n),
            Kind::Milestone => c.milestones.push(n),
            Kind::Share => c.shares.push(n),
            Kind::Page => c.pages.push(n),
            Kind::Home => c.home = Some(n),
        }
    }
    let newest_first = |list: &mut Vec<usize>| {
        list.sort_by(|a, b| (dates[*b], &views[*b].slug).cmp(&(dates[*a], &views[*a].slug)))
    };
    newest_first(&mut c.achievements);
    newest_first(&mut c.reflections);
    c
}

/// Term pages in the order of their slugs, each one's entries newest first.
pub(super) fn term_pages(
    map: HashMap<String, TermPage>,
    views: &[Arc<EntryView>],
    dates: &[Option<Date>],
) -> Vec<TermPage> {
    let mut pages: Vec<(String, TermPage)> = map.into_iter().collect();
    pages.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    pages
        .into_iter()
        .map(|(_, mut p)| {
            p.entries
                .sort_by(|a, b| (dates[*b], &views[*b].slug).cmp(&(dates[*a], &views[*a].slug)));
            let dated: Vec<Date> = p.entries.iter().filter_map(|&n| dates[n]).collect();
            p.first = dated.iter().min().map(|d| d.to_string());
            p.latest = dated.iter().max().map(|d| d.to_string());
            p
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::site::{Site, assemble};

    fn site() -> Site {
        let es = super::super::testing::entries(&[
            (
                "content/achievements/2026-01-01-b.md",
                "---\ntitle: B\ntags: [t]\n---\n",
            ),
            (
                "content/achievements/2026-01-01-a.md",
                "---\ntitle: A\ntags: [t]\n---\n",
            ),
            (
                "content/achievements/2026-03-01-c.md",
                "---\ntitle: C\ntags: [t]\n---\n",
            ),
            ("content/journey/2019-01-01-x.md", "---\ntitle: X\n---\n"),
            ("content/journey/2018-01-01-y.md", "---\ntitle: Y\n---\n"),
        ]);
        let config = crate::model::config::parse(
            "title: T\nbase_url: https://alex.github.io/career/\n",
            None,
        )
        .unwrap();
        assemble(
            config,
            es,
            &[],
            Default::default(),
            "2026-06-01".parse().unwrap(),
        )
        .0
    }

    #[test]
    fn the_log_is_newest_first_and_the_journey_oldest_first() {
        let s = site();
        let slugs = |l: &[usize]| {
            l.iter()
                .map(|&n| s.view(n).slug.clone())
                .collect::<Vec<_>>()
        };
        // Same day: the slug decides, backwards like the dates.
        assert_eq!(slugs(&s.achievements), vec!["c", "b", "a"]);
        assert_eq!(slugs(&s.milestones), vec!["y", "x"]);
        let t = &s.tags[0];
        assert_eq!(slugs(&t.entries), vec!["c", "b", "a"]);
        assert_eq!(
            (t.first.as_deref(), t.latest.as_deref()),
            (Some("2026-01-01"), Some("2026-03-01"))
        );
    }
}
