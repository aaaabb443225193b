//! The search index: one Pagefind record per public entry, indexed with
//! the `pagefind` crate as a library, written under `pagefind/` with the
//! script and WebAssembly the search page loads. Nothing is fetched, no
//! outside binary runs.
//!
//! What goes in is decided by [`crate::model::site::searchable`], asked of
//! every entry of the site model: never a private entry, a draft, a share
//! page (sealed or not) or the home page's intro, whoever the site was
//! assembled for (`serve --private --drafts` indexes what `build` would).
//! Each record is built from the entry's own view (its title, date, impact
//! or summary and body text), never from a rendered page, so nothing a page
//! shows beside the entry (lists, linked titles) reaches the index.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic};
use crate::model::site::{EntryView, Site, searchable};

/// The folder the index and its scripts are written to.
pub(crate) const DIR: &str = crate::model::urls::SEARCH_INDEX;

/// Pagefind's ready-made interfaces, which the search page does not use
/// (it has a small one of its own over `pagefind.js`): not written.
const UNUSED: &[&str] = &[
    "pagefind-ui.",
    "pagefind-modular-ui.",
    "pagefind-component-ui.",
    "pagefind-highlight.",
];

/// Files by site-relative path, with their bytes.
pub(crate) type Files = Vec<(String, Vec<u8>)>;

/// What the index holds of one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    /// The entry's link with the base path (`/career/achievements/x/`).
    pub(crate) url: String,
    /// The words searched: the title, the impact or summary and the body.
    pub(crate) text: String,
    /// Shown with each result: `title`, `date` (`2026-03-06`), `date_human`
    /// (`6 Mar 2026`), `kind`, `summary` (the impact, else the summary).
    pub(crate) meta: BTreeMap<String, String>,
    /// Filtered on: `kind`, and `year` for dated entries.
    pub(crate) filters: BTreeMap<String, Vec<String>>,
}

/// The records of every entry [`searchable`] lets in, in site order.
pub(crate) fn records(site: &Site) -> Vec<Record> {
    site.entries
        .par_iter()
        .with_max_len(crate::PAR_CHUNK)
        .filter(|v| searchable(v.kind, v.private, v.draft))
        .map(|v| record(v))
        .collect()
}

fn record(v: &EntryView) -> Record {
    let shown = v
        .impact
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(&v.summary);
    let body = v.content.as_str().map(html_text).unwrap_or_default();
    let mut text = String::with_capacity(v.title.len() + shown.len() + body.len() + 2);
    text.push_str(&v.title);
    text.push('\n');
    if v.impact.is_some() {
        text.push_str(shown);
        text.push('\n');
    }
    text.push_str(&body);
    let mut meta = BTreeMap::new();
    meta.insert("title".to_string(), v.title.clone());
    meta.insert("kind".to_string(), v.kind.name().to_string());
    meta.insert("summary".to_string(), shown.to_string());
    if let (Some(d), Some(h)) = (&v.date, &v.date_human) {
        meta.insert("date".to_string(), d.clone());
        meta.insert("date_human".to_string(), h.clone());
    }
    let mut filters = BTreeMap::new();
    filters.insert("kind".to_string(), vec![v.kind.name().to_string()]);
    if let Some(y) = v.year {
        filters.insert("year".to_string(), vec![y.to_string()]);
    }
    Record {
        url: v.url.clone(),
        text,
        meta,
        filters,
    }
}

/// The text of rendered Markdown: tags dropped, a block's edge made a
/// space (so the words of two paragraphs do not run together, while a link
/// inside a sentence leaves it as it was), entities decoded.
pub(crate) fn html_text(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "blockquote",
        "div",
        "table",
        "tr",
        "td",
        "th",
        "hr",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "section",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            rest = &rest[lt..];
            break;
        };
        let tag = rest[lt + 1..lt + gt].trim_start_matches('/');
        let name_len = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = tag[..name_len].to_ascii_lowercase();
        if BLOCKS.contains(&name.as_str()) && !out.ends_with(char::is_whitespace) && !out.is_empty()
        {
            out.push(' ');
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    crate::text::unesc(out.trim_end())
}

/// The index of `records` and Pagefind's scripts, as files under
/// [`DIR`] (site-relative paths, `pagefind/pagefind.js`), sorted by name;
/// `None` when `stale()` says, between records, that the work is moot.
pub(crate) fn index(
    records: Vec<Record>,
    language: &str,
    stale: &(dyn Fn() -> bool + Sync),
) -> Result<Option<Files>, Diagnostic> {
    let failed = |e: &dyn std::fmt::Display| {
        Diagnostic::error(
            Code::SearchIndex,
            format!("cannot build the search index: {e}"),
        )
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failed(&e))?;
    let language = language.to_string();
    let files = runtime.block_on(async move {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .force_language(language.clone())
            .build();
        let mut watch = crate::clock::Stopwatch::new();
        let mut index = pagefind::api::PagefindIndex::new(Some(options))?;
        for (i, r) in records.into_iter().enumerate() {
            if i % 64 == 0 && stale() {
                return Ok(None);
            }
            index
                .add_custom_record(
                    r.url,
                    r.text,
                    language.clone(),
                    Some(r.meta),
                    Some(r.filters),
                    None,
                )
                .await?;
        }
        watch.lap("search: records added");
        let files = index.get_files().await;
        watch.lap("search: index built");
        files.map(Some)
    });
    let Some(files) = files.map_err(|e| failed(&e))? else {
        return Ok(None);
    };
    let mut files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
        .filter(|(name, _)| !UNUSED.iter().any(|u| name.starts_with(u)))
        .map(|(name, contents)| (format!("{DIR}/{name}"), contents))
        .collect();
    // The language-neutral WebAssembly serves languages Pagefind has no
    // stemmer for; when every language has its own, it is never loaded.
    let entry = files
        .iter()
        .find(|(n, _)| n == &format!("{DIR}/pagefind-entry.json"))
        .and_then(|(_, b)| serde_json::from_slice::<serde_json::Value>(b).ok());
    let all_stemmed = entry
        .as_ref()
        .and_then(|e| e["languages"].as_object())
        .is_some_and(|l| l.values().all(|v| v["wasm"].is_string()));
    if all_stemmed {
        files.retain(|(n, _)| n != &format!("{DIR}/wasm.unknown.pagefind"));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Some(files))
}

/// The index files of `site`, or none when `search:` is off.
pub(crate) fn files(site: &Site) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    files_unless(site, &|| false).unwrap_or_else(|| Ok(Vec::new()))
}

/// [`files`], or `None` once `stale()` says the work is moot (`serve`,
/// when a newer save came in).
pub(crate) fn files_unless(
    site: &Site,
    stale: &(dyn Fn() -> bool + Sync),
) -> Option<Result<Files, Diagnostic>> {
    if !site.config.search {
        return Some(Ok(Vec::new()));
    }
    let mut watch = crate::clock::Stopwatch::new();
    let records = records(site);
    watch.lap("search: records");
    let files = index(records, &site.config.language, stale);
    watch.lap("search: index");
    files.transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_keeps_words_apart_across_blocks_and_together_across_links() {
        let text = html_text(
            "<p>One <a href=\"/x/\">linked</a> word.</p>\n<p>Two&amp;three</p><ul><li>a</li><li>b</li></ul>",
        );
        assert!(text.starts_with("One linked word. "), "{text:?}");
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["One", "linked", "word.", "Two&three", "a", "b"]
        );
        assert_eq!(html_text("plain"), "plain");
        assert_eq!(html_text("a <b>bold"), "a bold");
        assert_eq!(html_text("cut <p"), "cut <p");
    }
}
