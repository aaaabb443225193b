//! Every entry's Markdown rendered (in parallel, or taken from serve's
//! cache while its text and what its links can name are unchanged), and
//! the problems with its `@/` links.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::CachedModel;
use super::links::Index;
use crate::diag::Code;
use crate::diag::{Diagnostic, line_col, nearest};
use crate::model::entry::Entry;
use crate::model::markdown::{self, Rendered};

/// Renders every body. With `model` (serve's cache), a body is taken from
/// it when the entry's text is the same shared allocation (the cache holds
/// on to it, so the address cannot be reused meanwhile) and `links_key`
/// has not moved; the cache is then brought up to date.
pub(super) fn render(
    entries: &[Arc<Entry>],
    index: &Index,
    visible: &[bool],
    mut model: Option<&mut CachedModel>,
    links_key: Option<u64>,
) -> Vec<Arc<Rendered>> {
    if let (Some(m), Some(l)) = (model.as_deref_mut(), links_key)
        && m.links_key != l
    {
        m.markdown.clear();
        m.links_key = l;
    }
    let made = AtomicUsize::new(0);
    let rendered: Vec<Arc<Rendered>> = {
        let cached = model.as_deref().map(|m| &m.markdown);
        entries
            .par_iter()
            .with_max_len(crate::PAR_CHUNK)
            .map(|e| {
                if let Some((text, r)) = cached.and_then(|c| c.get(&e.origin.path))
                    && Arc::ptr_eq(text, &e.origin.text)
                {
                    return r.clone();
                }
                made.fetch_add(1, Ordering::Relaxed);
                Arc::new(markdown::render(e.body(), &|p| index.resolve(visible, p)))
            })
            .collect()
    };
    if let Some(m) = model {
        m.markdown_rendered = made.into_inner();
        for (e, r) in entries.iter().zip(&rendered) {
            let fresh = m
                .markdown
                .get(&e.origin.path)
                .is_some_and(|(_, c)| Arc::ptr_eq(c, r));
            if !fresh {
                m.markdown
                    .insert(e.origin.path.clone(), (e.origin.text.clone(), r.clone()));
            }
        }
        if m.markdown.len() > entries.len() {
            let present: rustc_hash::FxHashSet<&str> =
                entries.iter().map(|e| e.origin.path.as_str()).collect();
            m.markdown.retain(|p, _| present.contains(p.as_str()));
        }
    }
    rendered
}

/// An `@/` link to a private entry or a draft is a warning (it shows as
/// plain text); one that names no entry is an error, with the nearest path.
pub(super) fn link_problems(
    entries: &[Arc<Entry>],
    rendered: &[Arc<Rendered>],
    index: &Index,
    visible: &[bool],
    diags: &mut Vec<Diagnostic>,
) {
    for (i, (e, r)) in entries.iter().zip(rendered).enumerate() {
        for issue in &r.link_issues {
            let (line, col) = line_col(&e.origin.text, e.origin.body_offset + issue.offset);
            if issue.hidden {
                if visible[i] {
                    diags.push(
                        Diagnostic::warning(
                            Code::LinkToHidden,
                            format!(
                                "`@/{}` is private or a draft: the link is shown as plain text",
                                issue.target
                            ),
                        )
                        .at(&e.origin.path, &e.origin.text, line, col)
                        .with_help("readers see only the link's text: make the target public, or drop the link"),
                    );
                }
            } else {
                let mut d = Diagnostic::error(
                    Code::BrokenLink,
                    format!("`@/{}` names no entry", issue.target),
                )
                .about(issue.target.as_str())
                .at(&e.origin.path, &e.origin.text, line, col);
                d.help = Some(
                    match nearest(&issue.target, index.by_link.keys().copied()) {
                        Some(n) => format!("did you mean `@/{n}`?"),
                        None => {
                            "`@/` paths are relative to content/, e.g. `@/goals/staff-engineer.md`"
                                .to_string()
                        }
                    },
                );
                diags.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{base, entries};
    use super::*;

    #[test]
    fn links_resolve_and_their_problems_are_said_where_they_are() {
        let es = entries(&[
            ("content/goals/g.md", "---\ntitle: G\n---\n"),
            ("content/goals/s.md", "---\ntitle: S\n---\n"),
            (
                "content/pages/p.md",
                "---\ntitle: P\n---\n[g](@/goals/g.md) [s](@/goals/s.md)\n[x](@/goals/gg.md)\n",
            ),
        ]);
        let index = Index::new(&es, &base());
        let visible = [true, false, true];
        let r = render(&es, &index, &visible, None, None);
        assert!(
            r[2].html().contains(r#"<a href="/career/goals/g/">g</a>"#),
            "{}",
            r[2].html()
        );
        assert!(
            !r[2].html().contains("/goals/s/"),
            "a hidden target leaves its text only"
        );
        let mut diags = Vec::new();
        link_problems(&es, &r, &index, &visible, &mut diags);
        let got: Vec<(&str, usize, usize, Option<&str>)> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.line, d.col, d.help.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "link-to-hidden",
                    4,
                    19,
                    Some(
                        "readers see only the link's text: make the target public, or drop the link"
                    )
                ),
                ("broken-link", 5, 1, Some("did you mean `@/goals/g.md`?")),
            ]
        );
        // A hidden page's own hidden links are nobody's business.
        let mut diags = Vec::new();
        link_problems(&es, &r, &index, &[true, false, false], &mut diags);
        assert_eq!(
            diags
                .iter()
                .filter(|d| d.code.as_str() == "link-to-hidden")
                .count(),
            0
        );
    }

    #[test]
    fn the_cache_gives_back_the_same_body_for_the_same_text() {
        let es = entries(&[("content/pages/p.md", "---\ntitle: P\n---\nHello.\n")]);
        let index = Index::new(&es, &base());
        let mut m = CachedModel::default();
        let first = render(&es, &index, &[true], Some(&mut m), Some(1));
        assert_eq!(m.markdown_rendered, 1);
        let again = render(&es, &index, &[true], Some(&mut m), Some(1));
        assert_eq!(m.markdown_rendered, 0);
        assert!(Arc::ptr_eq(&first[0], &again[0]));
        // What links can name moved: everything is rendered afresh.
        render(&es, &index, &[true], Some(&mut m), Some(2));
        assert_eq!(m.markdown_rendered, 1);
    }
}
