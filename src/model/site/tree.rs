//! The goal tree among visible entries: each goal's progress (set, from its
//! checklist, or from its sub-goals: never from a private one), its
//! sub-goals, and the achievements that are its evidence.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::links::Index;
use crate::model::entry::{Entry, GoalStatus, KindMeta};
use crate::model::kind::Kind;
use crate::model::markdown;

/// A goal's progress and where it came from.
pub(super) type Progress = HashMap<usize, (Option<u8>, Option<&'static str>)>;

/// Progress of every goal, computed on the visible goals only so that a
/// private sub-goal never moves a public bar.
pub(super) fn goal_progress(
    entries: &[Arc<Entry>],
    rendered: &[Arc<markdown::Rendered>],
    visible: &[usize],
    visible_flags: &[bool],
    goal_index: &HashMap<&str, usize>,
) -> HashMap<usize, (Option<u8>, Option<&'static str>)> {
    let mut children: HashMap<usize, Vec<usize>> = HashMap::default();
    for &i in visible {
        if let KindMeta::Goal {
            parent: Some(p), ..
        } = &entries[i].meta
            && let Some(&pi) = goal_index.get(p.as_str())
            && visible_flags[pi]
        {
            children.entry(pi).or_default().push(i);
        }
    }
    fn compute(
        i: usize,
        entries: &[Arc<Entry>],
        rendered: &[Arc<markdown::Rendered>],
        children: &HashMap<usize, Vec<usize>>,
        memo: &mut HashMap<usize, (Option<u8>, Option<&'static str>)>,
        depth: usize,
    ) -> (Option<u8>, Option<&'static str>) {
        if let Some(v) = memo.get(&i) {
            return *v;
        }
        let KindMeta::Goal {
            progress, status, ..
        } = &entries[i].meta
        else {
            return (None, None);
        };
        let r = &rendered[i];
        let v = if let Some(p) = progress {
            (Some(*p), Some("set"))
        } else if *status == GoalStatus::Achieved {
            (Some(100), Some("achieved"))
        } else if let Some(pct) = (r.tasks_done * 100).checked_div(r.tasks_total) {
            (Some(pct as u8), Some("checklist"))
        } else if depth < 64 {
            let kids: Vec<u8> = children
                .get(&i)
                .into_iter()
                .flatten()
                .filter(|&&k| {
                    !matches!(
                        entries[k].meta,
                        KindMeta::Goal {
                            status: GoalStatus::Dropped,
                            ..
                        }
                    )
                })
                .filter_map(|&k| compute(k, entries, rendered, children, memo, depth + 1).0)
                .collect();
            if kids.is_empty() {
                (None, None)
            } else {
                let sum: usize = kids.iter().map(|&k| usize::from(k)).sum();
                (Some((sum / kids.len()) as u8), Some("sub-goals"))
            }
        } else {
            (None, None)
        };
        memo.insert(i, v);
        v
    }
    let mut memo = HashMap::default();
    for &i in visible {
        if entries[i].kind == Kind::Goal {
            compute(i, entries, rendered, &children, &mut memo, 0);
        }
    }
    memo
}

/// Evidence (achievement → the visible goals it names, newest first) and
/// children (goal → its visible sub-goals), among visible entries.
pub(super) struct Links {
    pub(crate) evidence: HashMap<usize, Vec<usize>>,
    pub(crate) children: HashMap<usize, Vec<usize>>,
}

pub(super) fn links(
    entries: &[Arc<Entry>],
    visible_list: &[usize],
    visible: &[bool],
    index: &Index,
) -> Links {
    let mut evidence: HashMap<usize, Vec<usize>> = HashMap::default();
    let mut children: HashMap<usize, Vec<usize>> = HashMap::default();
    for &i in visible_list {
        match &entries[i].meta {
            KindMeta::Achievement { goals, .. } => {
                for g in goals {
                    if let Some(gi) = index.visible_goal(visible, g) {
                        let list = evidence.entry(gi).or_default();
                        // `visible_list` is in order: a repeat is the last one.
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
            }
            KindMeta::Goal {
                parent: Some(p), ..
            } => {
                if let Some(pi) = index.visible_goal(visible, p) {
                    children.entry(pi).or_default().push(i);
                }
            }
            _ => {}
        }
    }
    for list in evidence.values_mut() {
        list.sort_by(|a, b| entries[*b].date.cmp(&entries[*a].date).then(a.cmp(b)));
    }
    Links { evidence, children }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{base, entries};
    use super::*;
    use crate::model::markdown::LinkTarget;

    fn rendered(es: &[Arc<Entry>]) -> Vec<Arc<markdown::Rendered>> {
        es.iter()
            .map(|e| Arc::new(markdown::render(e.body(), &|_: &str| LinkTarget::Missing)))
            .collect()
    }

    #[test]
    fn progress_is_set_then_checklist_then_sub_goals_and_never_from_a_hidden_one() {
        let es = entries(&[
            ("content/goals/top.md", "---\ntitle: Top\n---\n"),
            (
                "content/goals/a.md",
                "---\ntitle: A\nparent: top\n---\n- [x] one\n- [ ] two\n",
            ),
            (
                "content/goals/b.md",
                "---\ntitle: B\nparent: top\nprogress: 100\n---\n",
            ),
            (
                "content/goals/hidden.md",
                "---\ntitle: H\nparent: top\nprogress: 0\n---\n",
            ),
        ]);
        let r = rendered(&es);
        let index = Index::new(&es, &base());
        let visible = [true, true, true, false];
        let p = goal_progress(&es, &r, &[0, 1, 2], &visible, &index.goal_index);
        assert_eq!(p[&1], (Some(50), Some("checklist")));
        assert_eq!(p[&2], (Some(100), Some("set")));
        // (50 + 100) / 2: the hidden sub-goal's 0 does not pull it down.
        assert_eq!(p[&0], (Some(75), Some("sub-goals")));
    }

    #[test]
    fn evidence_is_newest_first_and_only_for_visible_goals() {
        let es = entries(&[
            ("content/goals/g.md", "---\ntitle: G\n---\n"),
            ("content/goals/hidden.md", "---\ntitle: H\n---\n"),
            (
                "content/achievements/2026-01-01-old.md",
                "---\ntitle: Old\ngoals: [g, hidden]\n---\n",
            ),
            (
                "content/achievements/2026-02-01-new.md",
                "---\ntitle: New\ngoals: [g, g]\n---\n",
            ),
        ]);
        let index = Index::new(&es, &base());
        let visible = [true, false, true, true];
        let l = links(&es, &[0, 2, 3], &visible, &index);
        assert_eq!(l.evidence[&0], vec![3, 2]);
        assert!(!l.evidence.contains_key(&1));
    }
}
