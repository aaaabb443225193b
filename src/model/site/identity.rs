//! The first pass: every entry in a stable order, and the slugs that cannot
//! be published — two entries of a kind with one slug, or a slug a section
//! or serve already takes.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::{point, reserved_slug};
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::model::entry::Entry;
use crate::model::kind::Kind;

/// Sorts entries by kind, then date, then slug (then path, so the order
/// never depends on how the files were found).
pub(super) fn sort(entries: &mut [Arc<Entry>]) {
    entries.sort_by(|a, b| {
        (a.kind, a.date, &a.slug, &a.origin.path).cmp(&(b.kind, b.date, &b.slug, &b.origin.path))
    });
}

/// Which entries repeat the slug of an earlier one of their kind (those
/// are left out), with an error for each, and for each reserved slug.
pub(super) fn duplicates(entries: &[Arc<Entry>], diags: &mut Vec<Diagnostic>) -> Vec<bool> {
    let mut by_key: HashMap<(Kind, &str), usize> = HashMap::default();
    let mut duplicate = vec![false; entries.len()];
    for (i, e) in entries.iter().enumerate() {
        if e.kind == Kind::Home {
            continue;
        }
        if let Some(&first) = by_key.get(&(e.kind, e.slug.as_str())) {
            duplicate[i] = true;
            diags.push(
                point(
                    e,
                    "slug",
                    &e.slug,
                    Diagnostic::error(
                        Code::DuplicateSlug,
                        format!("two {} entries have the slug `{}`", e.kind.name(), e.slug),
                    ),
                )
                .with_help(format!(
                    "{} has it too: rename one file or set `slug:` in its front matter",
                    entries[first].origin.path
                )),
            );
        } else {
            by_key.insert((e.kind, e.slug.as_str()), i);
        }
        if let Some(why) = reserved_slug(e.kind, &e.slug) {
            diags.push(
                point(
                    e,
                    "slug",
                    &e.slug,
                    Diagnostic::error(Code::ReservedSlug, why),
                )
                .with_help("rename the file or set another `slug:`"),
            );
        }
    }
    duplicate
}

#[cfg(test)]
mod tests {
    use super::super::testing::entries;
    use super::*;

    #[test]
    fn a_repeated_slug_is_an_error_at_the_second_and_that_one_is_left_out() {
        let mut es = entries(&[
            ("content/goals/b.md", "---\ntitle: B\nslug: same\n---\n"),
            ("content/goals/a.md", "---\ntitle: A\nslug: same\n---\n"),
            (
                "content/pages/same.md",
                "---\ntitle: A page may share it\n---\n",
            ),
        ]);
        sort(&mut es);
        let mut diags = Vec::new();
        let dup = duplicates(&es, &mut diags);
        // Sorted by kind, then slug, then path: a.md comes first and keeps it.
        assert_eq!(es[0].origin.path, "content/goals/a.md");
        assert_eq!(dup, vec![false, true, false]);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code.as_str(), "duplicate-slug");
        assert_eq!(diags[0].path.as_deref(), Some("content/goals/b.md"));
        assert_eq!(diags[0].line, 3);
        assert!(
            diags[0]
                .help
                .as_deref()
                .unwrap()
                .contains("content/goals/a.md")
        );
    }

    #[test]
    fn reserved_slugs_are_errors_at_their_line() {
        let es = entries(&[
            ("content/pages/tags.md", "---\ntitle: Tags\n---\n"),
            (
                "content/goals/x.md",
                "---\ntitle: X\nslug: index.html\n---\n",
            ),
            (
                "content/journey/2020-01-01-x.md",
                "---\ntitle: M\nslug: index.html\n---\n",
            ),
        ]);
        let mut diags = Vec::new();
        duplicates(&es, &mut diags);
        let codes: Vec<(&str, Option<&str>)> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.path.as_deref()))
            .collect();
        // A milestone has no page of its own: its slug takes nothing.
        assert_eq!(
            codes,
            vec![
                ("reserved-slug", Some("content/pages/tags.md")),
                ("reserved-slug", Some("content/goals/x.md")),
            ]
        );
    }
}
