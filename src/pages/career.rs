//! A career as a résumé reads it, shared by the `cv` document and
//! `resume.json`: roles from milestones, each with its curated highlights,
//! and skills by how much evidence they have.
//!
//! - A role runs from its date to its `end`, else to the next role's start
//!   (or today). Each achievement belongs to the latest role that started
//!   on or before its date, so work dated after the last role ended, or
//!   after a promotion that is no role of its own, is not dropped; work
//!   older than the first role goes with the first role.
//! - A highlight is a featured achievement, or one with an `impact` or
//!   `metrics`: a quiet week's note with neither is not one. Featured come
//!   first, then the newest; at most `highlights` a role.

use jiff::civil::Date;

use crate::model::site::{EntryView, Site, Term};

/// One role and what a résumé shows of it.
#[derive(Debug)]
pub(crate) struct Role {
    /// The milestone, in `site.entries`.
    pub(crate) milestone: usize,
    /// The achievements picked, in the order a résumé lists them.
    pub(crate) highlights: Vec<usize>,
    /// How many achievements the role holds, highlights or not.
    pub(crate) total: usize,
}

/// The roles, newest first, with at most `per_role` highlights each.
pub(crate) fn roles(site: &Site, per_role: usize) -> Vec<Role> {
    let mut roles: Vec<(usize, Date)> = site
        .milestones
        .iter()
        .filter(|&&m| site.view(m).is_role)
        .filter_map(|&m| site.dates[m].map(|d| (m, d)))
        .collect();
    roles.sort_by_key(|&(m, d)| (d, m));
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); roles.len()];
    if !roles.is_empty() {
        for &a in &site.achievements {
            let Some(d) = site.dates[a] else { continue };
            let at = roles.partition_point(|&(_, start)| start <= d);
            held[at.saturating_sub(1)].push(a);
        }
    }
    let mut out: Vec<Role> = roles
        .iter()
        .zip(held)
        .map(|(&(milestone, _), held)| Role {
            milestone,
            total: held.len(),
            highlights: pick(site, held, per_role),
        })
        .collect();
    out.reverse();
    out
}

/// Whether an achievement is worth a résumé line.
pub(crate) fn is_highlight(v: &EntryView) -> bool {
    v.featured || v.impact.is_some() || !v.metrics.is_empty()
}

/// The best `n` of `held`: highlights only, featured first, then newest.
fn pick(site: &Site, mut held: Vec<usize>, n: usize) -> Vec<usize> {
    held.retain(|&a| is_highlight(site.view(a)));
    held.sort_by(|&a, &b| {
        let (va, vb) = (site.view(a), site.view(b));
        vb.featured
            .cmp(&va.featured)
            .then(site.dates[b].cmp(&site.dates[a]))
            .then(a.cmp(&b))
    });
    held.truncate(n);
    held
}

/// A skill with its evidence count and the short keywords a résumé gives
/// it: the tags its achievements carry most (at most five, not the skill's
/// own name), by display name.
#[derive(Debug)]
pub(crate) struct SkillLine<'a> {
    pub(crate) term: &'a Term,
    /// See [`display_name`].
    pub(crate) name: String,
    pub(crate) count: usize,
    pub(crate) keywords: Vec<String>,
}

/// Skills, most evidence first (then by name).
pub(crate) fn skills(site: &Site) -> Vec<SkillLine<'_>> {
    let mut out: Vec<SkillLine> = site
        .skills
        .iter()
        .map(|p| {
            let mut tags: Vec<(&str, usize)> = Vec::new();
            for &e in &p.entries {
                for t in &site.view(e).tags {
                    match tags.iter_mut().find(|(name, _)| *name == t.name) {
                        Some((_, n)) => *n += 1,
                        None => tags.push((t.name.as_str(), 1)),
                    }
                }
            }
            // A tag named as the skill is no keyword of it.
            tags.retain(|(t, _)| crate::model::markdown::term_slug(t) != p.term.slug);
            tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            SkillLine {
                term: &p.term,
                name: display_name(&p.term.name),
                count: p.entries.len(),
                keywords: tags
                    .into_iter()
                    .take(5)
                    .map(|(t, _)| display_name(t))
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    out
}

/// How a résumé writes a term: as written when it was written as a name
/// (`Kubernetes`, `CI/CD`), and a slug written in front matter
/// (`system-design`) as words with a capital (`System design`).
pub(crate) fn display_name(name: &str) -> String {
    let slug_like = name
        .chars()
        .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-')
        && name.chars().any(char::is_alphabetic);
    if !slug_like {
        return name.to_string();
    }
    let words = name.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

#[cfg(test)]
mod tests {
    use super::display_name;

    #[test]
    fn slugs_read_as_words_and_names_stay_as_written() {
        assert_eq!(display_name("system-design"), "System design");
        assert_eq!(display_name("kubernetes"), "Kubernetes");
        assert_eq!(display_name("Kubernetes"), "Kubernetes");
        assert_eq!(display_name("CI/CD"), "CI/CD");
        assert_eq!(display_name("gRPC"), "gRPC");
        assert_eq!(display_name("日本"), "日本");
        assert_eq!(display_name("élan-vital"), "Élan vital");
    }
}
