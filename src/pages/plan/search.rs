//! The search page: a form over the Pagefind index (the one page with a
//! script), with the kinds and years the index holds as its filters.

use super::{Data, PageRef, Planned, meta};
use crate::model::kind::Kind;
use crate::model::site::{Site, searchable};
use crate::model::urls;

/// One value of a filter, with how many indexed entries have it.
#[derive(Debug, serde::Serialize, PartialEq, Eq)]
pub(crate) struct FilterValue {
    /// What the index files the entry under (`achievement`, `2026`).
    pub(crate) value: String,
    /// What the form shows (`Achievements`, `2026`).
    pub(crate) label: String,
    pub(crate) count: usize,
}

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Achievement => "Achievements",
        Kind::Goal => "Goals",
        Kind::Reflection => "Reflections",
        Kind::Milestone => "Milestones",
        Kind::Share => "Share pages",
        Kind::Page => "Pages",
        Kind::Home => "Home",
    }
}

/// The kinds (in the order of [`Kind::WRITTEN`]) and years (newest first)
/// of the entries the index holds.
pub(crate) fn filters(site: &Site) -> (Vec<FilterValue>, Vec<FilterValue>) {
    let mut kinds: Vec<(Kind, usize)> = Vec::new();
    let mut years: std::collections::BTreeMap<i16, usize> = Default::default();
    for v in site.entries.iter() {
        if !searchable(v.kind, v.private, v.draft) {
            continue;
        }
        match kinds.iter_mut().find(|(k, _)| *k == v.kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((v.kind, 1)),
        }
        if let Some(y) = v.year {
            *years.entry(y).or_default() += 1;
        }
    }
    kinds.sort_by_key(|(k, _)| Kind::WRITTEN.iter().position(|w| w == k));
    let kinds = kinds
        .into_iter()
        .map(|(k, count)| FilterValue {
            value: k.name().to_string(),
            label: kind_label(k).to_string(),
            count,
        })
        .collect();
    let years = years
        .into_iter()
        .rev()
        .map(|(y, count)| FilterValue {
            value: y.to_string(),
            label: y.to_string(),
            count,
        })
        .collect();
    (kinds, years)
}

pub(super) fn plan_search(site: &Site, file: String) -> Planned<'_> {
    let (kinds, years) = filters(site);
    let bundle = site
        .config
        .base_url
        .url(&format!("{}/pagefind.js", urls::SEARCH_INDEX));
    Planned {
        file,
        template: "search.html",
        page: meta(
            site,
            PageRef::Search,
            "Search".into(),
            "Search the journal's achievements, goals, milestones and pages.",
            "website",
            "search",
        ),
        data: Data::Search {
            kinds,
            years,
            bundle,
        },
        // A form, not content: left out of the sitemap.
        sitemap: None,
        seal: None,
    }
}
