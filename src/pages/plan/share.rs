//! Share pages: a period's achievements and the goals they serve, for one
//! reader, unlisted and optionally sealed.

use super::goals::sort_goals;
use super::{Data, Planned, entry_meta};
use crate::model::site::{EntryView, Site, Term};

/// A share page: unlisted, noindex, not in the sitemap.
pub(super) fn plan_share(site: &Site, n: usize, file: String) -> Planned<'_> {
    let v = site.view(n);
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
    let seal = v
        .share
        .as_ref()
        .filter(|s| s.sealed)
        .map(|s| (v.slug.clone(), s.key_salt.clone()));
    if seal.is_some() {
        // A sealed page's head tells a stranger nothing of its content.
        page.title = "A sealed page".into();
        page.description = "This page is sealed: it opens with the full link you were sent.".into();
        page.og_type = "website";
    }
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
        seal,
    }
}
