//! The career ladder in the site model: every `evidence:` and
//! `include.competencies` id checked against the ladder, and for each
//! competency the achievements that count as its evidence. What counts is
//! decided by `privacy::counts_as_evidence`, and whether the ladder is shown
//! at all by `Audience::sees_ladder`.

use std::sync::Arc;

use jiff::civil::Date;
use rustc_hash::FxHashMap as HashMap;

use super::privacy::{Audience, counts_as_evidence};
use super::{EntryView, point};
use crate::diag::{Code, Diagnostic, nearest};
use crate::model::config::LadderConfig;
use crate::model::entry::{Entry, KindMeta};
use crate::model::ladder::{Ladder, Loaded};

/// The ladder as the site shows it.
#[derive(Debug)]
pub(crate) struct LadderSite {
    pub(crate) ladder: Arc<Ladder>,
    /// The writer's level and the one they work towards, as indices of
    /// `ladder.levels`.
    pub(crate) level: Option<usize>,
    pub(crate) target: Option<usize>,
    /// Whether this audience sees the ladder's text: its pages, and the
    /// competencies achievement and share pages name. Share filters work
    /// either way.
    pub(crate) shown: bool,
    /// For each competency (the ladder's order), the achievements that are
    /// its evidence, as indices of `Site::entries`, newest first.
    pub(crate) evidence: Vec<Vec<usize>>,
    by_id: HashMap<String, usize>,
}

impl LadderSite {
    /// The competency with this id.
    pub(crate) fn find(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The level the page works towards: the target, else the current one.
    pub(crate) fn focus(&self) -> Option<usize> {
        self.target.or(self.level)
    }
}

/// An error for every id an entry names that the ladder does not have (or
/// every id, when there is no ladder). Not checked while the ladder itself
/// has errors: they would all fail with it.
pub(super) fn check(entries: &[Arc<Entry>], config: &LadderConfig, diags: &mut Vec<Diagnostic>) {
    let ladder = match &config.loaded {
        Loaded::Broken => return,
        Loaded::None => None,
        Loaded::Ready(l) => Some(l),
    };
    for e in entries {
        let (key, ids) = match &e.meta {
            KindMeta::Achievement { evidence, .. } => ("evidence", evidence),
            KindMeta::Share { include, .. } => ("include", &include.competencies),
            _ => continue,
        };
        for id in ids {
            let d = match ladder {
                Some(l) if l.competency(id).is_some() => continue,
                Some(l) => {
                    let near = nearest(id, l.ids());
                    Diagnostic::error(
                        Code::UnknownCompetency,
                        format!("`{id}` is not a competency of {}", l.path),
                    )
                    .with_help(match near {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => format!(
                            "competency ids are in {} (`waymark check` lists none close to this one)",
                            l.path
                        ),
                    })
                    .with_suggestion(near)
                }
                None => Diagnostic::error(
                    Code::UnknownCompetency,
                    format!("`{id}` names a competency, but the site has no ladder"),
                )
                .with_help(
                    "add ladder.yaml (`waymark import ladder FILE` converts your company's framework), or remove the id",
                ),
            };
            diags.push(point(e, key, id, d.about(id.as_str())));
        }
    }
}

/// Each competency's evidence among the visible achievements.
pub(super) fn collect(
    config: &LadderConfig,
    audience: Audience,
    views: &[Arc<EntryView>],
    achievements: &[usize],
    dates: &[Option<Date>],
) -> Option<LadderSite> {
    let ladder = config.ready()?.clone();
    let by_id: HashMap<String, usize> = ladder
        .competencies
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    let mut evidence = vec![Vec::new(); ladder.competencies.len()];
    let mut newest_first: Vec<usize> = achievements
        .iter()
        .copied()
        .filter(|&a| counts_as_evidence(views[a].private, views[a].draft))
        .collect();
    newest_first.sort_by(|&a, &b| dates[b].cmp(&dates[a]).then(a.cmp(&b)));
    for a in newest_first {
        for id in &views[a].competency_ids {
            if let Some(&c) = by_id.get(id.as_str())
                && evidence[c].last() != Some(&a)
            {
                evidence[c].push(a);
            }
        }
    }
    let level = config.level.as_deref().and_then(|l| ladder.level(l));
    let target = config.target.as_deref().and_then(|l| ladder.level(l));
    Some(LadderSite {
        shown: audience.sees_ladder(config.publish),
        ladder,
        level,
        target,
        evidence,
        by_id,
    })
}
