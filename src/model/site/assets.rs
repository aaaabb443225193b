//! Files beside entries that their Markdown links to (an image, a PDF):
//! copied next to the page that shows the text. A sealed page's would be
//! published in the clear, so they are an error.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::{CopiedAsset, entry_path, point};
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::model::entry::{Entry, KindMeta};
use crate::model::kind::Kind;
use crate::model::markdown::Rendered;
use crate::model::source::Asset;

/// The files to copy, in output order, one per destination.
pub(super) fn copied(
    entries: &[Arc<Entry>],
    rendered: &[Arc<Rendered>],
    visible: &[bool],
    assets: &[Asset],
    diags: &mut Vec<Diagnostic>,
) -> Vec<CopiedAsset> {
    let asset_index: AssetIndex = assets
        .iter()
        .map(|a| ((a.link_path.as_str(), a.in_private_dir), a))
        .collect();
    let mut copied = Vec::new();
    for (i, (e, r)) in entries.iter().zip(rendered).enumerate() {
        if !visible[i] || r.local_files.is_empty() {
            continue;
        }
        let sealed = matches!(e.meta, KindMeta::Share { sealed: true, .. });
        let dir = text_dir(e);
        for f in &r.local_files {
            match local_asset(&asset_index, e, f) {
                Some(_) if sealed => diags.push(
                    point(
                        e,
                        "sealed",
                        "true",
                        Diagnostic::error(
                            Code::SealedAttachment,
                            format!(
                                "`{f}` beside a sealed share page would be published unencrypted"
                            ),
                        ),
                    )
                    .with_help(
                        "put what it shows into the page's text, or publish the page unsealed",
                    ),
                ),
                Some(a) => copied.push(CopiedAsset {
                    from: a.abs.clone(),
                    to: format!("{dir}{}", percent_decode(f)),
                }),
                None => diags.push(
                    Diagnostic::warning(
                        Code::MissingFile,
                        format!("`{f}` is linked but there is no such file beside this entry"),
                    )
                    .at_path(&e.origin.path)
                    .with_help("put the file next to the entry's Markdown file, or fix the link"),
                ),
            }
        }
    }
    copied.sort_by(|a, b| a.to.cmp(&b.to));
    copied.dedup_by(|a, b| a.to == b.to);
    copied
}

/// Decodes `%20`-style escapes in a link to a file beside an entry.
pub(super) fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The files beside entries, by path relative to `content/` or `private/`
/// and whether they are under `private/`.
type AssetIndex<'a> = HashMap<(&'a str, bool), &'a Asset>;

/// The file beside `e` that a relative link `f` in its Markdown names.
fn local_asset<'a>(assets: &AssetIndex<'a>, e: &Entry, f: &str) -> Option<&'a Asset> {
    let dir = match e.origin.link_path.rfind('/') {
        Some(j) => &e.origin.link_path[..=j],
        None => "",
    };
    let want = format!("{dir}{}", percent_decode(f));
    assets
        .get(&(want.as_str(), e.origin.in_private_dir))
        .copied()
}

/// Where the page that shows an entry's text lives, for the files its
/// Markdown links to: a milestone's text is shown on the journey page, the
/// home intro on the home page.
fn text_dir(e: &Entry) -> String {
    match e.kind {
        Kind::Milestone => crate::model::urls::Section::Journey.path(),
        kind => entry_path(kind, &e.slug),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::entries;
    use super::*;
    use crate::model::markdown::LinkTarget;

    fn asset(path: &str) -> Asset {
        let (top, rest) = path.split_once('/').unwrap();
        Asset {
            path: path.into(),
            link_path: rest.into(),
            abs: format!("/site/{path}").into(),
            in_private_dir: top == "private",
        }
    }

    #[test]
    fn linked_files_are_copied_beside_the_page_and_a_sealed_pages_are_refused() {
        let es = entries(&[
            (
                "content/achievements/2026-01-01-a.md",
                "---\ntitle: A\n---\n![c](my%20chart.svg) [gone](gone.pdf)\n",
            ),
            (
                "content/share/s.md",
                "---\ntitle: S\nsealed: true\n---\n![c](s.png)\n",
            ),
        ]);
        let r: Vec<Arc<Rendered>> = es
            .iter()
            .map(|e| {
                Arc::new(crate::model::markdown::render(e.body(), &|_: &str| {
                    LinkTarget::Missing
                }))
            })
            .collect();
        let files = [
            asset("content/achievements/my chart.svg"),
            asset("content/share/s.png"),
        ];
        let mut diags = Vec::new();
        let c = copied(&es, &r, &[true, true], &files, &mut diags);
        assert_eq!(c.len(), 1);
        // The page is at the slug, without the file name's date.
        assert_eq!(c[0].to, "achievements/a/my chart.svg");
        let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, vec!["missing-file", "sealed-attachment"]);
        // Nothing is copied for an entry that is not published.
        let mut diags = Vec::new();
        assert!(copied(&es, &r, &[false, false], &files, &mut diags).is_empty());
        assert!(diags.is_empty());
    }

    #[test]
    fn percent_escapes_decode_and_bad_ones_stay() {
        assert_eq!(percent_decode("a%20b%2Fc"), "a b/c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
