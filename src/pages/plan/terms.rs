//! Skills and tags: the index of each taxonomy and a page per term.

use jiff::civil::Date;
use serde::Serialize;

use super::log::year_groups;
use super::{Data, PageRef, Planned, meta};
use crate::model::site::{EntryView, Site, Term, TermPage};
use crate::model::urls::Taxonomy;

/// A tag or skill on an index page, with the dates of its first and latest
/// use and its newest entries.
#[derive(Debug, Serialize)]
pub(crate) struct TermRow<'a> {
    #[serde(flatten)]
    pub(crate) term: &'a Term,
    pub(crate) first: Option<&'a str>,
    pub(crate) latest: Option<&'a str>,
    /// `first` and `latest` as "5 Dec 2025".
    pub(crate) first_human: Option<String>,
    pub(crate) latest_human: Option<String>,
    pub(crate) recent: Vec<&'a EntryView>,
}

/// The pages of a taxonomy's terms.
pub(super) fn term_pages(site: &Site, taxonomy: Taxonomy) -> &[TermPage] {
    match taxonomy {
        Taxonomy::Skills => &site.skills,
        Taxonomy::Tags => &site.tags,
    }
}

fn human(date: Option<&str>) -> Option<String> {
    date.and_then(|d| d.parse::<Date>().ok())
        .map(crate::text::human_date)
}

/// The index of skills or tags.
pub(super) fn plan_terms(site: &Site, taxonomy: Taxonomy, file: String) -> Planned<'_> {
    let mut terms: Vec<TermRow> = term_pages(site, taxonomy)
        .iter()
        .map(|p| TermRow {
            term: &p.term,
            first: p.first.as_deref(),
            latest: p.latest.as_deref(),
            first_human: human(p.first.as_deref()),
            latest_human: human(p.latest.as_deref()),
            recent: p.entries.iter().take(3).map(|&n| site.view(n)).collect(),
        })
        .collect();
    let (template, label) = match taxonomy {
        Taxonomy::Skills => {
            // The skills with the most evidence first.
            terms.sort_by(|a, b| {
                b.term
                    .count
                    .cmp(&a.term.count)
                    .then(b.latest.cmp(&a.latest))
                    .then(a.term.name.cmp(&b.term.name))
            });
            ("skills.html", "Skills")
        }
        Taxonomy::Tags => ("tags.html", "Tags"),
    };
    let name = taxonomy.name();
    Planned {
        file,
        template,
        page: meta(
            site,
            PageRef::Terms(taxonomy),
            label.into(),
            &format!(
                "{} — {name} with the work that shows them.",
                site.config.title
            ),
            "website",
            name,
        ),
        data: Data::Terms {
            terms,
            taxonomy: name,
        },
        sitemap: Some(None),
        seal: None,
    }
}

/// The page of a skill or tag: `term_pages(site, t)[i]`.
pub(super) fn term_page(site: &Site, t: Taxonomy, i: usize, file: String) -> Planned<'_> {
    let p = &term_pages(site, t)[i];
    let taxonomy = t.name();
    let (what, template) = match t {
        Taxonomy::Skills => ("Skill", "skill.html"),
        Taxonomy::Tags => ("Tag", "tag.html"),
    };
    let desc = format!(
        "{} — {} {} for {}.",
        site.config.title,
        p.term.count,
        if p.term.count == 1 {
            "entry"
        } else {
            "entries"
        },
        p.term.name
    );
    Planned {
        file,
        template,
        page: meta(
            site,
            PageRef::Term(t, i),
            format!("{what}: {}", p.term.name),
            &desc,
            "website",
            taxonomy,
        ),
        data: Data::Term {
            term: &p.term,
            entries: p.entries.iter().map(|&n| site.view(n)).collect(),
            years: year_groups(p.entries.iter().map(|&n| site.view(n))),
            first: p.first.as_deref(),
            latest: p.latest.as_deref(),
            first_human: human(p.first.as_deref()),
            latest_human: human(p.latest.as_deref()),
            taxonomy,
        },
        sitemap: Some(p.latest.clone()),
        seal: None,
    }
}
