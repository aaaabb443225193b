//! The first pass: every entry in a stable order, and the slugs that cannot
//! be published — two entries of a kind with one slug, or a slug a section
//! or serve already takes.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::{point, reserved_slug};
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
                        "duplicate-slug",
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
                point(e, "slug", &e.slug, Diagnostic::error("reserved-slug", why))
                    .with_help("rename the file or set another `slug:`"),
            );
        }
    }
    duplicate
}
