//! Share pages: a period's achievements and the goals they serve, for one
//! reader, unlisted and optionally sealed. The brief is planned here; the
//! other layouts in `documents`.

use super::goals::sort_goals;
use super::{Data, PageRef, Planned, entry_meta, meta};
use crate::model::entry::Layout;
use crate::model::site::{EntryView, Site, Term};

/// A share page: unlisted, noindex, not in the sitemap.
pub(super) fn plan_share(site: &Site, n: usize, file: String) -> Planned<'_> {
    let v = site.view(n);
    let layout = v.share.as_ref().map(|s| s.layout).unwrap_or_default();
    if layout != Layout::Brief {
        return super::documents::plan_document(site, n, file, layout);
    }
    let selected = site.share_selection_view(n);
    let achievements: Vec<&EntryView> = selected.iter().map(|&a| site.view(a)).collect();
    let mut share_goals: Vec<&EntryView> = site
        .share_goals(n, &selected)
        .into_iter()
        .map(|g| site.view(g))
        .collect();
    sort_goals(&mut share_goals);
    let mut skills: Vec<Term> = Vec::new();
    for a in &achievements {
        for s in &a.skills {
            match skills.iter_mut().find(|x| x.slug == s.slug) {
                Some(x) => x.count += 1,
                None => skills.push(Term {
                    count: 1,
                    ..Term::clone(s)
                }),
            }
        }
    }
    skills.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    let (from, to) = site.share_period(n);
    let featured_count = achievements.iter().filter(|a| a.featured).count();
    let only = v
        .share
        .as_ref()
        .map(|s| s.include.competencies.clone())
        .unwrap_or_default();
    let (by_competency, other_achievements) = super::ladder::share_groups(site, &selected, &only);
    let desc = match &v.ask {
        Some(ask) => format!(
            "{ask} — {} achievements from {from} to {to}.",
            achievements.len()
        ),
        None => v.summary.clone(),
    };
    let mut page = entry_meta(site, v, &desc, "article", "share");
    page.noindex = true;
    Planned {
        file,
        template: "share.html",
        page,
        data: Data::Share {
            entry: v,
            achievements,
            goals: share_goals,
            skills,
            from: from.to_string(),
            to: to.to_string(),
            from_human: crate::text::human_date(from),
            to_human: crate::text::human_date(to),
            featured_count,
            by_competency,
            other_achievements,
        },
        sitemap: None,
        seal: None,
    }
}

/// A sealed page as published: a head and a page that tell a stranger
/// nothing of its content (the same for every sealed page of the site),
/// with its ciphertext put inside `<main>` after rendering. Its content is
/// the share page's own, rendered by [`plan_share`] and sealed by the
/// pipeline, here or on the machine that had its source.
pub(super) fn plan_sealed(site: &Site, i: usize, file: String) -> Planned<'_> {
    let mut page = meta(
        site,
        PageRef::Sealed(i),
        "A sealed page".into(),
        "This page is sealed: it opens with the full link you were sent.",
        "website",
        "share",
    );
    page.noindex = true;
    Planned {
        file,
        template: "sealed.html",
        page,
        data: Data::Empty {},
        sitemap: None,
        seal: Some(&site.sealed[i]),
    }
}
