//! What entries can name each other by: the `@/` paths of their files, the
//! slugs of goals, and every entry's own URL, made once.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::{entry_path, hash_of};
use crate::model::config::BaseUrl;
use crate::model::entry::Entry;
use crate::model::kind::Kind;
use crate::model::markdown::LinkTarget;

/// The lookups every later pass uses.
pub(super) struct Index<'a> {
    /// `@/` path (relative to content/) → entry.
    pub(crate) by_link: HashMap<&'a str, usize>,
    /// Goal slug → entry.
    pub(crate) goal_index: HashMap<&'a str, usize>,
    /// Goal slugs, sorted: for suggestions and the cycle check.
    pub(crate) goal_slugs: Vec<&'a str>,
    /// Every entry's link.
    pub(crate) urls: Vec<String>,
}

impl<'a> Index<'a> {
    pub fn new(entries: &'a [Arc<Entry>], base: &BaseUrl) -> Index<'a> {
        // `@/` paths are relative to content/; an entry in private/ answers
        // only where content/ has no file of that name.
        let mut by_link: HashMap<&str, usize> = HashMap::default();
        for (i, e) in entries.iter().enumerate() {
            let slot = by_link.entry(e.origin.link_path.as_str()).or_insert(i);
            if entries[*slot].origin.in_private_dir && !e.origin.in_private_dir {
                *slot = i;
            }
        }
        let goal_index: HashMap<&str, usize> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == Kind::Goal)
            .map(|(i, e)| (e.slug.as_str(), i))
            .collect();
        let mut goal_slugs: Vec<&str> = goal_index.keys().copied().collect();
        goal_slugs.sort_unstable();
        let urls = entries
            .iter()
            .map(|e| base.url(&entry_path(e.kind, &e.slug)))
            .collect();
        Index {
            by_link,
            goal_index,
            goal_slugs,
            urls,
        }
    }

    /// What an `@/` path resolves to for the audience.
    pub(crate) fn resolve(&self, visible: &[bool], path: &str) -> LinkTarget {
        match self.by_link.get(path) {
            Some(&t) if visible[t] => LinkTarget::Url(self.urls[t].clone()),
            Some(_) => LinkTarget::Hidden,
            None => LinkTarget::Missing,
        }
    }

    /// A visible goal by slug.
    pub(crate) fn visible_goal(&self, visible: &[bool], slug: &str) -> Option<usize> {
        self.goal_index.get(slug).copied().filter(|&g| visible[g])
    }

    /// What every `@/` link could resolve to: rendered Markdown kept by
    /// serve holds while this stays the same.
    pub(crate) fn links_key(&self, entries: &[Arc<Entry>], visible: &[bool]) -> u64 {
        hash_of(
            entries
                .iter()
                .enumerate()
                .map(|(i, e)| (&e.origin.link_path, visible[i], &self.urls[i]))
                .collect::<Vec<_>>(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{base, entries};
    use super::*;

    #[test]
    fn at_paths_prefer_content_resolve_hidden_and_missing() {
        let es = entries(&[
            ("private/goals/g.md", "---\ntitle: Private twin\n---\n"),
            ("content/goals/g.md", "---\ntitle: G\n---\n"),
            ("content/goals/h.md", "---\ntitle: H\n---\n"),
        ]);
        let index = Index::new(&es, &base());
        assert_eq!(index.by_link["goals/g.md"], 1, "content/ answers first");
        let visible = [false, true, false];
        assert_eq!(
            index.resolve(&visible, "goals/g.md"),
            LinkTarget::Url("/career/goals/g/".into())
        );
        assert_eq!(index.resolve(&visible, "goals/h.md"), LinkTarget::Hidden);
        assert_eq!(
            index.resolve(&visible, "goals/nope.md"),
            LinkTarget::Missing
        );
        assert_eq!(index.goal_slugs, vec!["g", "h"]);
        assert_eq!(index.visible_goal(&visible, "h"), None);
        assert_eq!(index.visible_goal(&visible, "g"), Some(1));
    }

    #[test]
    fn the_links_key_moves_when_what_a_link_can_name_moves() {
        let es = entries(&[("content/goals/g.md", "---\ntitle: G\n---\n")]);
        let index = Index::new(&es, &base());
        let shown = index.links_key(&es, &[true]);
        assert_eq!(shown, index.links_key(&es, &[true]));
        assert_ne!(shown, index.links_key(&es, &[false]));
    }
}
