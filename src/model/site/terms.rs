//! Tags and skills: each term's slug, page and entries (visible ones only,
//! so a term only a private entry has makes no page), made once and shared
//! by every view that shows it.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::{Shared, Term, TermPage};
use crate::model::config::BaseUrl;
use crate::model::entry::{Entry, KindMeta};
use crate::model::kind::Kind;
use crate::model::markdown;
use crate::model::urls::{self, Taxonomy};

pub(super) struct Terms<'a> {
    /// Name as written → slug (a journal uses few names many times over).
    pub(crate) slugs: HashMap<&'a str, String>,
    /// Slug → page, with entries by their index among visible entries.
    pub(crate) tags: HashMap<String, TermPage>,
    pub(crate) skills: HashMap<String, TermPage>,
    /// Each term once, shared by the views that carry it.
    pub(crate) tag_terms: HashMap<String, Shared<Term>>,
    pub(crate) skill_terms: HashMap<String, Shared<Term>>,
}

/// `visible_list` holds the visible entries' indices in order; a term
/// page's entries are positions in that list.
pub(super) fn collect<'a>(
    entries: &'a [Arc<Entry>],
    visible_list: &[usize],
    base: &BaseUrl,
) -> Terms<'a> {
    let mut tags: HashMap<String, TermPage> = HashMap::default();
    let mut skills: HashMap<String, TermPage> = HashMap::default();
    let mut slugs: HashMap<&str, String> = HashMap::default();
    for &i in visible_list {
        let e = &entries[i];
        let skill_names = match &e.meta {
            KindMeta::Achievement { skills, .. } => skills.as_slice(),
            _ => &[],
        };
        for name in e.tags.iter().chain(skill_names) {
            if !slugs.contains_key(name.as_str()) {
                slugs.insert(name, markdown::term_slug(name));
            }
        }
    }
    for (n, &i) in visible_list.iter().enumerate() {
        let e = &entries[i];
        if e.kind == Kind::Share || e.kind == Kind::Home {
            continue;
        }
        for t in &e.tags {
            add(&slugs, &mut tags, base, Taxonomy::Tags, t, n);
        }
        if let KindMeta::Achievement { skills: s, .. } = &e.meta {
            for name in s {
                add(&slugs, &mut skills, base, Taxonomy::Skills, name, n);
            }
        }
    }
    // Counts are known now, and views carry them.
    for p in tags.values_mut().chain(skills.values_mut()) {
        p.term.count = p.entries.len();
    }
    let shared = |map: &HashMap<String, TermPage>| -> HashMap<String, Shared<Term>> {
        map.iter()
            .map(|(slug, p)| (slug.clone(), Shared::new(p.term.clone())))
            .collect()
    };
    let (tag_terms, skill_terms) = (shared(&tags), shared(&skills));
    Terms {
        slugs,
        tags,
        skills,
        tag_terms,
        skill_terms,
    }
}

/// Files entry `n` under the term `name` of `taxonomy`.
fn add(
    slugs: &HashMap<&str, String>,
    map: &mut HashMap<String, TermPage>,
    base: &BaseUrl,
    taxonomy: Taxonomy,
    name: &str,
    n: usize,
) {
    let Some(slug) = slugs.get(name) else {
        return;
    };
    if slug.is_empty() {
        return;
    }
    let page = map.entry(slug.clone()).or_insert_with(|| TermPage {
        term: Term {
            name: name.to_string(),
            url: base.url(&urls::term_path(taxonomy, slug)),
            slug: slug.clone(),
            count: 0,
        },
        entries: Vec::new(),
        first: None,
        latest: None,
    });
    // Entries come in order, so a repeat can only be the last one.
    if page.entries.last() != Some(&n) {
        page.entries.push(n);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{base, entries};
    use super::*;

    #[test]
    fn terms_come_from_visible_entries_only_and_count_each_entry_once() {
        let es = entries(&[
            (
                "content/achievements/2026-01-01-a.md",
                "---\ntitle: A\ntags: [Rust, rust]\nskills: [Go]\n---\n",
            ),
            (
                "content/achievements/2026-01-02-b.md",
                "---\ntitle: B\ntags: [secret-tag]\n---\n",
            ),
            ("content/share/s.md", "---\ntitle: S\ntags: [rust]\n---\n"),
        ]);
        // b is not visible: its tag makes no page.
        let t = collect(&es, &[0, 2], &base());
        let mut slugs: Vec<&String> = t.tags.keys().collect();
        slugs.sort();
        assert_eq!(slugs, vec!["rust"]);
        let rust = &t.tags["rust"];
        // Written twice by one entry, and a share page never files a term.
        assert_eq!((rust.term.count, rust.entries.clone()), (1, vec![0]));
        assert_eq!(rust.term.url, "/career/tags/rust/");
        assert_eq!(t.skills["go"].term.name, "Go");
        assert_eq!(t.tag_terms["rust"].count, 1, "shared terms carry the count");
    }
}
